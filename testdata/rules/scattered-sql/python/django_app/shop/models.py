from django.db import models


class Order(models.Model):
    code = models.CharField(max_length=16)
    status = models.CharField(max_length=8)
