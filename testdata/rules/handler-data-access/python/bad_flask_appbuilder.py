from flask import request
from flask_appbuilder.api import BaseApi, expose, protect
from sqlalchemy import text

from app.extensions import db
from app.reports import service


class ReportRestApi(BaseApi):
    resource_name = "report"

    @expose("/<int:pk>", methods=("GET",))
    @protect()
    def get(self, pk):  # expect: handler-data-access
        row = db.session.execute(text("SELECT name FROM reports WHERE id = :id"), {"id": pk}).first()
        return self.response(200, name=row.name)

    @expose("/", methods=("POST",))
    @protect()
    def post(self):  # ok: the handler hands the work to a service
        report = service.create(request.json)
        return self.response(201, id=report.id)

    def _load(self, pk):  # ok: not exposed, so not a handler
        return db.session.execute(text("SELECT 1")).first()
