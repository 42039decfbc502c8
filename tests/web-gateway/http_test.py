"""The web gateway over HTTP, as the agencies' intranet pages meet it (run by run.sh).

Real gateway (grpc-gateway, mTLS with the agency's certificate) -> real auxpro-server -> MariaDB.
"""
import os
import subprocess
import unittest
import urllib.parse
import uuid

import requests

CA = os.environ["GW_CA"]
BUREAU = os.environ["GW_BUREAU_URL"]
HR = os.environ["GW_HR_URL"]
HAIMEN = os.environ["GW_HAIMEN_URL"]
PREFIX = os.environ["GW_DB_PREFIX"]
J = "jurisdictions/wenjiang"
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def national_id(serial, year=1995, month=3, day=14):
    first17 = "510115%04d%02d%02d%03d" % (year, month, day, serial % 1000)
    check = "10X98765432"[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]
    return first17 + check


def call(method, base, path, user="张三", **kw):
    headers = kw.pop("headers", {})
    if user:
        # The sign-on proxy's header: percent-encoded UTF-8 (raw UTF-8 bytes work too).
        headers["X-Remote-User"] = urllib.parse.quote(user)
    return requests.request(method, base + path, headers=headers, verify=CA, timeout=20, **kw)


def create_person(serial, request_id=None, user="张三"):
    headers = {"X-Request-Id": request_id} if request_id else {}
    return call("POST", BUREAU, "/v1/%s/persons" % J, user=user, headers=headers, json={
        "fullName": "测试人员%d" % serial,
        "nationalId": national_id(serial),
        "education": "HIGH_SCHOOL",
        "postType": "FIELD",
    })


def sql(query):
    out = subprocess.run(
        ["mariadb", "-h", os.environ["AUXPRO_TEST_MYSQL_HOST"], "-P", os.environ["AUXPRO_TEST_MYSQL_PORT"],
         "-u", os.environ["AUXPRO_TEST_MYSQL_USER"], "--batch", "-N", "-e", query],
        env=dict(os.environ, MYSQL_PWD=os.environ["AUXPRO_TEST_MYSQL_PASSWORD"]),
        capture_output=True, text=True, check=True)
    return [line.split("\t") for line in out.stdout.splitlines()]


def error_of(resp):
    body = resp.json()
    assert set(body) == {"error"}, body
    err = body["error"]
    assert err["code"] == resp.status_code, err
    return err


class GatewayHttpTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.persons = []
        for serial in range(1, 6):
            r = create_person(serial)
            assert r.status_code == 200, r.text
            cls.persons.append(r.json())

    def test_get_returns_the_resource_with_its_etag_header(self):
        p = self.persons[0]
        r = call("GET", BUREAU, "/v1/" + p["name"])
        self.assertEqual(r.status_code, 200, r.text)
        self.assertEqual(r.json()["fullName"], "测试人员1")
        self.assertEqual(r.headers["ETag"], '"%s"' % r.json()["etag"])
        # Masked to the province: nothing that narrows the number down beyond it.
        self.assertRegex(r.json()["maskedNationalId"], r"^51\*{16}$")
        self.assertNotIn("disclosedNationalId", r.json())  # the bureau sees it masked

    def test_paginated_list_visits_every_person_once(self):
        seen, token, pages = [], "", 0
        while True:
            params = {"pageSize": 2}
            if token:
                params["pageToken"] = token
            r = call("GET", BUREAU, "/v1/%s/persons" % J, params=params)
            self.assertEqual(r.status_code, 200, r.text)
            body = r.json()
            self.assertLessEqual(len(body.get("persons", [])), 2)
            seen += [p["name"] for p in body.get("persons", [])]
            pages += 1
            token = body.get("nextPageToken", "")
            if not token:
                break
        self.assertGreaterEqual(pages, 3)
        self.assertEqual(len(seen), len(set(seen)))
        for p in self.persons:
            self.assertIn(p["name"], seen)

    def test_create_retried_with_the_same_request_id_has_one_effect(self):
        rid = str(uuid.uuid4())
        first = create_person(101, request_id=rid)
        self.assertEqual(first.status_code, 200, first.text)
        self.assertEqual(first.headers["X-Request-Id"], rid)
        again = create_person(101, request_id=rid)
        self.assertEqual(again.status_code, 200, again.text)
        self.assertEqual(again.json()["name"], first.json()["name"])
        rows = sql("SELECT COUNT(*) FROM %spersonnel.audit_log WHERE request_id = '%s'" % (PREFIX, rid))
        self.assertEqual(rows, [["1"]])
        # A new request id is a new create: the national ID is taken (ALREADY_EXISTS, 409).
        other = create_person(101)
        self.assertEqual(other.status_code, 409, other.text)
        self.assertEqual(error_of(other)["status"], "ALREADY_EXISTS")

    def test_update_with_a_stale_etag_is_409_aborted(self):
        p = create_person(102).json()
        path = "/v1/" + p["name"]
        ok = call("PATCH", BUREAU, path, params={"updateMask": "duty_area"},
                  headers={"If-Match": '"%s"' % p["etag"]}, json={"dutyArea": "东街"})
        self.assertEqual(ok.status_code, 200, ok.text)
        self.assertEqual(ok.json()["dutyArea"], "东街")
        self.assertNotEqual(ok.headers["ETag"], '"%s"' % p["etag"])
        stale = call("PATCH", BUREAU, path, params={"updateMask": "duty_area"},
                     headers={"If-Match": '"%s"' % p["etag"]}, json={"dutyArea": "西街"})
        self.assertEqual(stale.status_code, 409, stale.text)
        err = error_of(stale)
        self.assertEqual(err["status"], "ABORTED")
        self.assertIn("etag", err["message"])
        self.assertEqual(call("GET", BUREAU, path).json()["dutyArea"], "东街")

    def test_refusal_carries_its_error_info(self):
        # A candidate cannot get a work permit: FAILED_PRECONDITION (HTTP 400) with ErrorInfo.
        p = self.persons[1]
        r = call("POST", BUREAU, "/v1/%s:issuePermit" % p["name"], json={})
        self.assertEqual(r.status_code, 400, r.text)
        err = error_of(r)
        self.assertEqual(err["status"], "FAILED_PRECONDITION")
        infos = [d for d in err["details"] if d["@type"] == "type.googleapis.com/google.rpc.ErrorInfo"]
        self.assertEqual(len(infos), 1, err)
        self.assertIn(infos[0]["reason"], {"INVALID_STATE_TRANSITION", "PRE_JOB_TRAINING_MISSING"})
        self.assertEqual(infos[0]["domain"], "auxpro.personnel.v1.Personnel")

    def test_bad_input_names_the_field(self):
        r = call("POST", BUREAU, "/v1/%s/persons" % J, json={"fullName": "无证件"})
        self.assertEqual(r.status_code, 400, r.text)
        err = error_of(r)
        self.assertEqual(err["status"], "INVALID_ARGUMENT")
        self.assertIn("national_id", err["message"])

    def test_another_jurisdiction_is_not_found(self):
        p = self.persons[0]
        r = call("GET", HAIMEN, "/v1/" + p["name"])
        self.assertEqual(r.status_code, 404, r.text)
        self.assertEqual(error_of(r)["status"], "NOT_FOUND")
        r = call("GET", HAIMEN, "/v1/%s/persons" % J)
        self.assertEqual(r.status_code, 404, r.text)

    def test_grading_is_reachable_with_its_custom_verb(self):
        # A GET with a verb on a person (`{person}:checkRequirements`) is grading's, not
        # personnel's GetPerson; the person's level and a result notice's 404 are grading's too.
        p = self.persons[0]
        r = call("GET", BUREAU, "/v1/%s:checkRequirements" % p["name"])
        self.assertEqual(r.status_code, 200, r.text)
        self.assertEqual(r.json()["person"], p["name"])
        self.assertTrue(r.json()["rows"])
        r = call("GET", BUREAU, "/v1/%s/level" % p["name"])
        self.assertEqual(r.status_code, 200, r.text)
        self.assertEqual(r.json().get("level", 0), 0)
        r = call("GET", BUREAU, "/v1/%s/resultNotices/none" % J)
        self.assertEqual(r.status_code, 404, r.text)
        self.assertEqual(error_of(r)["status"], "NOT_FOUND")
        self.assertNotEqual(error_of(r)["message"], "Not Found")  # the service's, not the router's

    def test_access_stays_the_certificate_s(self):
        # The HR company may not create units, whoever is signed in.
        r = call("POST", HR, "/v1/%s/units" % J, user="局长", json={"displayName": "一中队"})
        self.assertEqual(r.status_code, 403, r.text)
        self.assertEqual(error_of(r)["status"], "PERMISSION_DENIED")
        # Metadata a browser sends is not forwarded: no actor spoofing through Grpc-Metadata-*.
        r = call("POST", BUREAU, "/v1/%s/units" % J, user="李四",
                 headers={"Grpc-Metadata-X-Auxpro-Actor": "impostor", "Grpc-Metadata-X-Auxpro-Actor-Bin": "aW1wb3N0b3I=", "X-Request-Id": "gw-unit-1"},
                 json={"displayName": "一中队"})
        self.assertEqual(r.status_code, 200, r.text)
        rows = sql("SELECT actor FROM %spersonnel.audit_log WHERE request_id = 'gw-unit-1'" % PREFIX)
        self.assertEqual(rows, [["李四"]])

    def test_signed_in_user_is_the_actor_in_the_audit_row(self):
        rid = str(uuid.uuid4())
        r = create_person(103, request_id=rid, user="王小明")
        self.assertEqual(r.status_code, 200, r.text)
        rows = sql("SELECT actor, principal, method, resource FROM %spersonnel.audit_log "
                   "WHERE request_id = '%s'" % (PREFIX, rid))
        self.assertEqual(len(rows), 1)
        actor, principal, method, resource = rows[0]
        self.assertEqual(actor, "王小明")
        self.assertIn("ENFORCEMENT_BUREAU", principal)
        self.assertTrue(method.endswith("CreatePerson"), method)
        self.assertEqual(resource, r.json()["name"])
        # Raw UTF-8 bytes in the header name the same person.
        rid = str(uuid.uuid4())
        r = requests.post(BUREAU + "/v1/%s/units" % J, verify=CA, timeout=20, json={"displayName": "二中队"},
                          headers={"X-Remote-User": "赵六".encode(), "X-Request-Id": rid})
        self.assertEqual(r.status_code, 200, r.text)
        rows = sql("SELECT actor FROM %spersonnel.audit_log WHERE request_id = '%s'" % (PREFIX, rid))
        self.assertEqual(rows, [["赵六"]])

    def test_deadline_from_the_header(self):
        r = call("GET", BUREAU, "/v1/%s/persons" % J, headers={"Grpc-Timeout": "1n"})
        self.assertEqual(r.status_code, 504, r.text)
        self.assertEqual(error_of(r)["status"], "DEADLINE_EXCEEDED")

    def test_openapi_document_is_served(self):
        r = call("GET", BUREAU, "/openapi.json")
        self.assertEqual(r.status_code, 200)
        paths = r.json()["paths"]
        self.assertIn("/v1/{parent}/persons", paths)
        self.assertIn("/v1/{name}:transfer", paths)

    def test_hardening_headers_and_body_limit(self):
        r = call("GET", BUREAU, "/v1/%s/units" % J)
        self.assertIn("script-src 'self'", r.headers["Content-Security-Policy"])
        self.assertNotIn("unsafe-inline", r.headers["Content-Security-Policy"])
        self.assertEqual(r.headers["X-Content-Type-Options"], "nosniff")
        big = call("POST", BUREAU, "/v1/%s/units" % J, data=b"{" + b" " * (2 << 20) + b"}",
                   headers={"Content-Type": "application/json"})
        self.assertIn(big.status_code, (413, 429), big.status_code)
        unknown = call("GET", BUREAU, "/v1/nothing/here")
        self.assertEqual(unknown.status_code, 404)
        self.assertEqual(error_of(unknown)["status"], "NOT_FOUND")


if __name__ == "__main__":
    unittest.main()
