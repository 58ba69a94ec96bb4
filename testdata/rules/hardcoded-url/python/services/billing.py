import os

import httpx
import redis
from sqlalchemy import create_engine

BILLING_URL = "https://billing.internal.example.net/v1"  # expect: hardcoded-url


def invoices(customer_id):
    return httpx.get(f"https://billing.internal.example.net/v1/customers/{customer_id}", timeout=5)  # expect: hardcoded-url


# expect: hardcoded-url
engine = create_engine("postgresql+asyncpg://app@db-primary.prod.example.net:5432/shop")

cache = redis.Redis.from_url("redis://cache.prod.example.net:6379/0")  # expect: hardcoded-url

events = connect(bootstrap_servers=["kafka-1.prod.example.net:9092"])  # expect: hardcoded-url

socket_url = "wss://events.default.svc.cluster.local/stream"  # expect: hardcoded-url

queue = Broker("amqps://mq.example.net/vhost")  # expect: hardcoded-url

mongo = MongoClient("mongodb+srv://cluster0.ab12cd.mongodb.net/app")  # expect: hardcoded-url

legacy = "jdbc:sqlserver://sql.corp.example.net:1433;databaseName=shop"  # expect: hardcoded-url

channel = grpc.insecure_channel("10.20.0.7:50051")  # expect: hardcoded-url

api_default = os.getenv("API_URL", "https://api.prod.example.net")  # expect: hardcoded-url

ENDPOINTS = {
    "billing-src": ["https://billing.staging.example.net"],  # expect: hardcoded-url
}


def prompt_warehouse(prompt):
    # A default that names a real host is still one environment's address.
    return prompt("Warehouse URI", default="postgresql://warehouse.prod.internal/dw")  # expect: hardcoded-url


def billing_client():
    # A network transport: the base URL is a real host.
    return httpx.AsyncClient(transport=httpx.AsyncHTTPTransport(retries=2), base_url="http://billing:8080/api")  # expect: hardcoded-url
