# ok: tests hold fixture credentials
PASSWORD = "q8Zr!pL2vWx"
