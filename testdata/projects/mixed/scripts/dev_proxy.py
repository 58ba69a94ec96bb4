import requests
requests.get("https://localhost:8443", verify=False)
