# café latin-1 comment
import ssl

CTX = ssl._create_unverified_context()
