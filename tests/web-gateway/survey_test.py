"""The citizens' survey pages and the printable forms over HTTP (run by run.sh, after the demo
district is loaded): the QR link, the form rendered from the API's questionnaire, one submission
per respondent cookie, the refusals in plain words, the cookie and CSRF checks."""
import datetime
import html
import os
import re
import unittest
import uuid
from html.parser import HTMLParser

import requests

import longquan_district

CA = os.environ["GW_CA"]
BUREAU = os.environ["GW_BUREAU_URL"]
PUBLIC = os.environ["GW_PUBLIC_URL"]
J = "jurisdictions/wenjiang"


def bureau(method, path, **kw):
    kw.setdefault("headers", {})["X-Remote-User"] = "survey-admin"
    return requests.request(method, BUREAU + path, verify=CA, timeout=30, **kw)


class _TextsById(HTMLParser):
    """The text inside each element with an id (nested elements included)."""
    VOID = {"br", "img", "input", "link", "meta", "hr", "col"}

    def __init__(self):
        super().__init__()
        self.stack, self.texts = [], {}

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        i = dict(attrs).get("id")
        if i:
            self.texts[i] = ""
        self.stack.append((tag, i))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        for _, i in self.stack:
            if i:
                self.texts[i] += data


def texts_by_id(page):
    p = _TextsById()
    p.feed(page)
    return {k: v.strip() for k, v in p.texts.items()}


def month_of(d):
    return "%d年%d月" % (d["year"], d["month"])


def day_of(d):
    return "%d年%d月%d日" % (d["year"], d["month"], d["day"])


def hidden(page, name):
    m = re.search(r'<input type="hidden" name="%s" value="([^"]*)">' % name, page)
    assert m, "no hidden field %s in %s" % (name, page[:2000])
    return html.unescape(m.group(1))


def kind(page):
    m = re.search(r'data-kind="(\w+)"', page)
    return m.group(1) if m else None


def open_campaign():
    r = bureau("GET", "/v1/%s/campaigns" % J, params={"pageSize": 50})
    assert r.status_code == 200, r.text
    opened = [c for c in r.json().get("campaigns", []) if c.get("state") == "OPEN"]
    assert opened, r.text
    # The list leaves the auxiliaries out; the campaign itself names them.
    c = bureau("GET", "/v1/" + opened[0]["name"])
    assert c.status_code == 200, c.text
    return c.json()


def badge_of(person):
    r = bureau("GET", "/v1/" + person)
    assert r.status_code == 200, r.text
    return r.json()["badgeNumber"], r.json()


def qr_link(campaign, badge):
    r = bureau("GET", "/forms/%s/qr/%s.png" % (campaign, badge))
    assert r.status_code == 200, r.text
    assert r.content[:8] == b"\x89PNG\r\n\x1a\n"
    return r.headers["X-Survey-Link"]


def answer(session, link, value="5"):
    """Opens the link, answers every rated question with `value`; returns (form page, result)."""
    page = session.get(link, verify=CA, timeout=30)
    assert page.status_code == 200, page.text
    form = {"l": hidden(page.text, "l"), "submission_id": hidden(page.text, "submission_id"),
            "csrf": hidden(page.text, "csrf"), "comment": "服务热情"}
    for q in sorted(set(re.findall(r'name="(q\d+)"', page.text))):
        form[q] = value
    action = re.search(r'<form method="post" action="([^"]+)"', page.text).group(1)
    result = session.post(PUBLIC + html.unescape(action), data=form, verify=CA, timeout=30)
    return page, form, result


class SurveyPagesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.campaign = open_campaign()
        cls.badges = [badge_of(p)[0] for p in cls.campaign["auxiliaries"]]

    def test_qr_link_renders_the_questionnaire_of_the_api(self):
        link = qr_link(self.campaign["name"], self.badges[0])
        self.assertTrue(link.startswith(PUBLIC + "/s/" + self.campaign["name"] + "?l="), link)
        page = requests.get(link, verify=CA, timeout=30)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("<script", page.text)
        self.assertIn('name="viewport"', page.text)
        csp = page.headers["Content-Security-Policy"]
        self.assertNotIn("unsafe-inline", csp)
        self.assertIn("form-action 'self'", csp)
        cookie = page.headers["Set-Cookie"]
        for attr in ("HttpOnly", "Secure", "SameSite=Lax", "Path=/"):
            self.assertIn(attr, cookie)
        self.assertTrue(cookie.startswith("__Host-auxpro_respondent="))
        # The wording is the questionnaire's, as the bureau reads it from the API.
        _, person = badge_of(self.campaign["auxiliaries"][0])
        qname = self.campaign["fieldQuestionnaire" if person["postType"] == "FIELD" else "officeQuestionnaire"]
        q = bureau("GET", "/v1/" + qname).json()
        text = html.unescape(page.text)
        self.assertIn(q["title"], text)
        for question in q["questions"]:
            self.assertIn(question["text"], text)
        for label in q["scale"]:
            self.assertIn(label, text)
        self.assertEqual(q["scale"][0], "不满意")
        self.assertIn(self.badges[0], text)

    def test_answer_thanks_then_already_answered(self):
        s = requests.Session()
        link = qr_link(self.campaign["name"], self.badges[-1])
        _, form, result = answer(s, link)
        self.assertEqual(result.status_code, 200, result.text)
        self.assertEqual(kind(result.text), "thanks", result.text)
        self.assertIn("感谢", result.text)
        # A double click sends the same submission id: the first answer, not a second response.
        again = s.post(result.url, data=form, verify=CA, timeout=30)
        self.assertEqual(kind(again.text), "thanks", again.text)
        # The same respondent opens the link again: already answered.
        _, _, second = answer(s, link, value="1")
        self.assertEqual(kind(second.text), "already", second.text)
        self.assertIn("已", second.text)

    def test_forged_or_missing_cookie_is_refused(self):
        s = requests.Session()
        link = qr_link(self.campaign["name"], self.badges[-2])
        page = s.get(link, verify=CA, timeout=30)
        form = {"l": hidden(page.text, "l"), "submission_id": hidden(page.text, "submission_id"),
                "csrf": hidden(page.text, "csrf"), "q1": "5"}
        action = PUBLIC + "/s/" + self.campaign["name"]
        forged = requests.post(action, data=form, verify=CA, timeout=30,
                               cookies={"__Host-auxpro_respondent": "A" * 22 + ".forgedsignature"})
        self.assertEqual(forged.status_code, 403)
        self.assertEqual(kind(forged.text), "forbidden")
        missing = requests.post(action, data=form, verify=CA, timeout=30)
        self.assertEqual(missing.status_code, 403)
        # Another respondent's valid cookie with this page's token: the token is bound to the cookie.
        other = requests.Session()
        other.get(link, verify=CA, timeout=30)
        stolen = other.post(action, data=form, verify=CA, timeout=30)
        self.assertEqual(stolen.status_code, 403)
        # The page's own respondent can still answer: nothing was stored by the refusals.
        _, _, ok = answer(s, link)
        self.assertEqual(kind(ok.text), "thanks", ok.text)

    def test_unknown_badge_and_bad_link(self):
        r = requests.get(PUBLIC + "/s/" + self.campaign["name"] + "?l=not-a-signed-link", verify=CA, timeout=30)
        self.assertEqual(r.status_code, 404)
        self.assertEqual(kind(r.text), "unknown")
        r = requests.get(PUBLIC + "/s/" + self.campaign["name"], verify=CA, timeout=30)
        self.assertEqual(kind(r.text), "unknown")

    def test_closed_campaign(self):
        today = datetime.date.today()
        q0 = datetime.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        end = datetime.date(q0.year + (q0.month + 3 > 12), (q0.month + 2) % 12 + 1, 1) - datetime.timedelta(days=1)
        rid = str(uuid.uuid4())
        r = bureau("POST", "/v1/%s/campaigns" % J, headers={"X-Request-Id": rid}, json={
            "displayName": "关闭测试", "auxiliaries": [self.campaign["auxiliaries"][0]],
            "periodStart": {"year": q0.year, "month": q0.month, "day": 1},
            "periodEnd": {"year": end.year, "month": end.month, "day": end.day}})
        self.assertEqual(r.status_code, 200, r.text)
        c = r.json()["name"]
        self.assertEqual(bureau("POST", "/v1/%s:open" % c, json={}).status_code, 200)
        link = qr_link(c, self.badges[0])
        closed = bureau("POST", "/v1/%s:close" % c, json={})
        self.assertEqual(closed.status_code, 200, closed.text)
        page = requests.get(link, verify=CA, timeout=30)
        self.assertEqual(kind(page.text), "closed", page.text)
        self.assertIn("结束", page.text)

    def test_body_limit(self):
        r = requests.post(PUBLIC + "/s/" + self.campaign["name"], data={"comment": "x" * (2 << 20)},
                          verify=CA, timeout=30)
        self.assertEqual(r.status_code, 413)


class PrintableFormsTest(unittest.TestCase):
    def test_public_roster_of_a_unit(self):
        units = bureau("GET", "/v1/%s/units" % J).json()["units"]
        unit = max(units, key=lambda u: u.get("memberCount", 0))
        roster = bureau("GET", "/v1/%s/publicRoster" % unit["name"]).json()
        page = bureau("GET", "/forms/%s/roster" % unit["name"])
        self.assertEqual(page.status_code, 200, page.text)
        self.assertIn(unit["displayName"], page.text)
        self.assertIn("print.css", page.text)
        for e in roster["entries"]:
            self.assertIn(html.escape(e["fullName"]), page.text)
            if e.get("badgeNumber"):
                self.assertIn(e["badgeNumber"], page.text)
        css = bureau("GET", "/forms/static/print.css").text
        self.assertIn("size: A4", css)
        self.assertIn("Noto", css)

    def test_annual_registration_form_is_the_rpcs_data(self):
        # Longquan annex 2: every field the form prints is GetAnnualRegistration's.
        made = longquan_district.registration()
        form, year = made["form"], made["year"]
        page = requests.get(longquan_district.BUREAU + "/forms/%s/annual-registration" % made["person"]["name"],
                            params={"year": year}, verify=CA, timeout=30)
        self.assertEqual(page.status_code, 200, page.text)
        self.assertIn("print.css", page.text)
        f = texts_by_id(page.text)
        # The heading is the policy's (issuer, annex of the article), not a constant.
        self.assertEqual(form["issuer"], "龙泉市综合行政执法局")
        self.assertEqual(f["issuer"], form["issuer"])
        self.assertEqual(f["annex"], "附件2：")
        self.assertEqual(f["article"], form["article"])
        self.assertIn(form["issuer"], page.text.split("</title>")[0])
        self.assertEqual(f["year"], str(year))
        self.assertEqual(f["full_name"], form["fullName"])
        self.assertEqual(form["fullName"], made["person"]["fullName"])
        self.assertEqual(f["gender"], {"MALE": "男", "FEMALE": "女"}[form["gender"]])
        self.assertEqual(f["birth"], month_of(form["birthDate"]))
        self.assertEqual(f["politics"], form["politicalStatus"])
        self.assertEqual(form["politicalStatus"], "中共党员")
        self.assertEqual(f["post_since"], month_of(form["postSince"]))
        self.assertEqual(f["unit_name"], form["unitDisplayName"])
        self.assertEqual(form["unitDisplayName"], made["unit"]["displayName"])
        self.assertEqual(f["post"], form["post"])
        self.assertEqual((form["grade"], form.get("gradeFinal")), ("EXCELLENT", True))
        self.assertEqual(f["grade"], "优秀")
        for field in ("personalSummary", "unitComment", "supervisorOpinion", "partyGroupOpinion"):
            cell = f[re.sub(r"([A-Z])", r"_\1", field).lower()]
            part = form[field]
            self.assertIn(part["text"], cell, field)
            self.assertIn(day_of(part["signDate"]), cell, field)
            if field == "partyGroupOpinion":
                # Annex 2: the party group's opinion is dated, with no line for a signature.
                self.assertNotIn("签名", cell, field)
                self.assertNotIn(part["signedBy"], cell, field)
            else:
                self.assertIn("签名：" + part["signedBy"], cell, field)
        self.assertIn("本人签名：" + form["personalSummary"]["signedBy"], f["personal_summary"])
        self.assertEqual(f["acknowledge_date"], day_of(form["acknowledgeDate"]))
        self.assertEqual(f["acknowledgement_ref"], form["acknowledgementRef"])
        # Art. 13(2): 于次年1月前 - by 31 December.
        self.assertEqual(f["due_date"], "%d年12月31日" % year)
        self.assertEqual(f["due_date"], day_of(form["dueDate"]))
        self.assertTrue(form.get("complete"), form)
        self.assertEqual(f["state"], "已完成")
        # Without a year there is no form to ask for.
        bad = requests.get(longquan_district.BUREAU + "/forms/%s/annual-registration" % made["person"]["name"],
                           verify=CA, timeout=30)
        self.assertEqual(bad.status_code, 400)
        self.assertEqual(bad.json()["error"]["status"], "INVALID_ARGUMENT")

    def test_annual_registration_form_in_progress_prints_what_is_there(self):
        # A proposed grade and nothing recorded: the grade marked as not final, the parts blank
        # for signing by hand, no acknowledgement, not complete.
        unit, person, year = longquan_district.hired_and_proposed("GOOD")
        form = longquan_district.call(longquan_district.BUREAU, "GET",
                                      "/v1/%s/annualRegistrations/%d" % (person["name"], year))
        self.assertEqual((form["grade"], form.get("gradeFinal", False), form.get("complete", False)),
                         ("GOOD", False, False))
        page = requests.get(longquan_district.BUREAU + "/forms/%s/annual-registration" % person["name"],
                            params={"year": year}, verify=CA, timeout=30)
        self.assertEqual(page.status_code, 200, page.text)
        f = texts_by_id(page.text)
        self.assertEqual(f["full_name"], person["fullName"])
        self.assertEqual(f["unit_name"], unit["displayName"])
        self.assertIn("良好", f["grade"])
        self.assertIn("拟定", f["grade"])
        self.assertIn('data-final="false"', page.text)
        self.assertNotIn('class="text"', page.text)
        for cell in ("personal_summary", "unit_comment", "supervisor_opinion", "party_group_opinion"):
            self.assertNotIn(str(year), f[cell], cell)  # no sign date
        for cell in ("personal_summary", "unit_comment", "supervisor_opinion"):
            self.assertIn("签名：", f[cell], cell)
        # Annex 2: 局党组意见 has a date to fill in, no signature line.
        self.assertNotIn("签名", f["party_group_opinion"])
        self.assertIn("年", f["party_group_opinion"])
        self.assertEqual(f["acknowledgement"], "尚未签名确认")
        self.assertEqual(f["state"], "未完成")

    def test_annual_registration_form_answers_what_the_rpc_answers(self):
        # Wenjiang's policy has no registration form: the page is the rpc's refusal, not a form.
        p = bureau("GET", "/v1/%s/persons" % J, params={"filter": "state=ACTIVE", "pageSize": 1}).json()["persons"][0]
        year = datetime.date.today().year
        api = bureau("GET", "/v1/%s/annualRegistrations/%d" % (p["name"], year))
        page = bureau("GET", "/forms/%s/annual-registration" % p["name"], params={"year": year})
        self.assertEqual(api.status_code, 400, api.text)
        self.assertEqual(page.status_code, api.status_code, page.text)
        self.assertEqual(page.headers["Content-Type"], "application/json")
        self.assertEqual(page.json(), api.json())
        self.assertEqual(page.json()["error"]["status"], "FAILED_PRECONDITION")
        self.assertIn("REGISTRATION_NOT_CONFIGURED", page.text)
        self.assertNotIn("登记表", page.text)
        # Another jurisdiction's form through this gateway: the API's answer again.
        lq = longquan_district.registration()
        api = bureau("GET", "/v1/" + lq["name"])
        page = bureau("GET", "/forms/%s/annual-registration" % lq["person"]["name"], params={"year": lq["year"]})
        self.assertIn(api.status_code, (403, 404), api.text)
        self.assertEqual((page.status_code, page.json()), (api.status_code, api.json()))

    def test_badge_wall_sheet(self):
        c = open_campaign()
        units = bureau("GET", "/v1/%s/units" % J).json()["units"]
        shown = 0
        for u in units:
            page = bureau("GET", "/forms/%s/badge-wall" % c["name"], params={"unit": u["name"]})
            self.assertEqual(page.status_code, 200, page.text)
            imgs = re.findall(r'<img src="([^"]+)"', page.text)
            for src in imgs[:2]:
                png = bureau("GET", html.unescape(src))
                self.assertEqual(png.status_code, 200)
                self.assertEqual(png.headers["Content-Type"], "image/png")
            shown += len(imgs)
        self.assertEqual(shown, len(c["auxiliaries"]))

    def test_forms_refuse_what_the_certificate_may_not_read(self):
        # The PUBLIC instance serves no forms at all.
        r = requests.get(PUBLIC + "/forms/%s/units/x/roster" % J, verify=CA, timeout=30)
        self.assertEqual(r.status_code, 404)


if __name__ == "__main__":
    unittest.main()
