"""The registration-form tests' district: a longquan unit with one hired person whose annual
registration form (longquan annex 2, art. 13(2)) is wholly recorded, through the longquan
gateways run.sh starts (bureau: GW_LONGQUAN_URL, HR company: GW_LONGQUAN_HR_URL). The demo
district is wenjiang's, whose policy has no such form.

  registration()        -> {"person", "unit", "year", "name", "form"}: the whole form, made once
                           per process (each run of run.sh has fresh schemas; every id here is
                           new, so two test files of one run do not collide), `form` as
                           GET /v1/{name} returns it.
  hired_and_proposed()  -> (unit, person, year): a new unit of one hired person with a proposed
                           grade and nothing of the form recorded.
"""
import datetime
import os
import urllib.parse
import uuid

import requests

CA = os.environ["GW_CA"]
BUREAU = os.environ["GW_LONGQUAN_URL"]
HR = os.environ["GW_LONGQUAN_HR_URL"]
J = "jurisdictions/longquan"
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# longquan art. 6: 政审、笔试、面试、体检 and the Party group's decision (policies/longquan.textproto).
HIRING_STEPS = ("political_review", "written_exam", "interview", "medical", "party_group_decision")


def call(base, method, path, **kw):
    headers = kw.pop("headers", {})
    headers.setdefault("X-Request-Id", "lq-" + uuid.uuid4().hex)
    headers["X-Remote-User"] = urllib.parse.quote("龙泉测试")
    r = requests.request(method, base + path, headers=headers, verify=CA, timeout=30, **kw)
    assert r.status_code == 200, (method, path, r.status_code, r.text)
    return r.json()


def national_id(year, serial):
    # Region 331181 (龙泉市); an odd sequence: a man (art. 5(四) caps women at 15 % of the team).
    first17 = "331181%04d0608%03d" % (year, (2 * serial + 1) % 1000)
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def ymd(d):
    return {"year": d.year, "month": d.month, "day": d.day}


_made = {}


def hired_and_proposed(grade="EXCELLENT"):
    """A new unit of one hired person with a proposed grade for this year: (unit, person, year)."""
    today = datetime.date.today()
    tag = uuid.uuid4().hex[:8]
    unit = call(BUREAU, "POST", "/v1/%s/units" % J, params={"unitId": "reg-" + tag},
                json={"displayName": "剑池中队" + tag})
    agreement = call(HR, "POST", "/v1/%s/dispatchAgreements" % J, json={
        "title": "劳务派遣协议", "posts": ["巡查"], "duties": "协助巡查", "headcount": 10,
        "startDate": ymd(today.replace(year=today.year - 2)), "endDate": ymd(today.replace(year=today.year + 1)),
        "monthlyPayFen": "450000"})
    call(BUREAU, "POST", "/v1/%s:sign" % agreement["name"], json={})
    person = call(BUREAU, "POST", "/v1/%s/persons" % J, json={
        "fullName": "叶剑锋", "nationalId": national_id(today.year - 31, int(tag, 16) % 400),
        "education": "JUNIOR_COLLEGE", "postType": "FIELD", "partyMember": True,
        "attestations": ["FIT_FOR_POST", "SPEAKS_MANDARIN", "UNDERSTANDS_LOCAL_DIALECT"]})
    for step in HIRING_STEPS:
        call(BUREAU, "POST", "/v1/%s:recordHiringStep" % person["name"], json={"step": {
            "step": step, "startDate": ymd(today - datetime.timedelta(days=30)), "date": ymd(today),
            "result": "PASSED", "evidenceRef": "龙综执〔%d〕%s" % (today.year, step)}})
    person = call(BUREAU, "POST", "/v1/%s:hire" % person["name"],
                  json={"unit": unit["name"], "dispatchAgreement": agreement["name"]})
    call(BUREAU, "POST", "/v1/%s/annualRatings" % J,
         json={"person": person["name"], "year": today.year, "grade": grade})
    return unit, person, today.year


def registration():
    """The whole form: every part recorded, acknowledged, the unit's year finalized."""
    if "whole" in _made:
        return _made["whole"]
    today = datetime.date.today()
    unit, person, year = hired_and_proposed()
    tag = unit["name"].rsplit("-", 1)[-1]
    name = "%s/annualRegistrations/%d" % (person["name"], year)

    def part(text, by):
        return {"text": text, "signedBy": by, "signDate": ymd(today)}

    call(BUREAU, "PATCH", "/v1/" + name,
         params={"updateMask": "personal_summary,unit_comment,supervisor_opinion,party_group_opinion"},
         json={"etag": "0",
               "personalSummary": part("全年认真履职，完成城区巡查任务，无迟到早退。", person["fullName"]),
               "unitComment": part("工作积极，建议评为优秀。", "周中队长"),
               "supervisorOpinion": part("同意中队意见。", "吴分管"),
               "partyGroupOpinion": part("同意评为优秀。", "局党组")})
    call(BUREAU, "POST", "/v1/%s:acknowledge" % name,
         json={"acknowledgeDate": ymd(today), "acknowledgementRef": "档案〔%d〕登记表-%s" % (year, tag)})
    call(BUREAU, "POST", "/v1/%s/ratingYears/%d:finalize" % (unit["name"], year), json={})
    form = call(BUREAU, "GET", "/v1/" + name)
    _made["whole"] = {"person": person, "unit": unit, "year": year, "name": name, "form": form}
    return _made["whole"]
