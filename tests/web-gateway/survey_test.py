"""The citizens' survey pages and the printable forms over HTTP (run by run.sh, after the demo
district is loaded): the QR link, the form rendered from the API's questionnaire, one submission
per respondent cookie, the refusals in plain words, the cookie and CSRF checks."""
import datetime
import html
import os
import re
import unittest
import uuid

import requests

CA = os.environ["GW_CA"]
BUREAU = os.environ["GW_BUREAU_URL"]
PUBLIC = os.environ["GW_PUBLIC_URL"]
J = "jurisdictions/wenjiang"


def bureau(method, path, **kw):
    kw.setdefault("headers", {})["X-Remote-User"] = "survey-admin"
    return requests.request(method, BUREAU + path, verify=CA, timeout=30, **kw)


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

    def test_annual_registration_form(self):
        persons = bureau("GET", "/v1/%s/persons" % J, params={"filter": "state=ACTIVE", "pageSize": 1}).json()
        p = persons["persons"][0]
        page = bureau("GET", "/forms/%s/annual-registration" % p["name"], params={"year": datetime.date.today().year})
        self.assertEqual(page.status_code, 200, page.text)
        for label in ("协勤人员年度考核登记表", "姓　名", "政　治", "考核等次", "个<br>人<br>总<br>结"):
            self.assertIn(label, page.text)
        self.assertIn(html.escape(p["fullName"]), page.text)
        self.assertIn("%d年" % p["birthDate"]["year"], page.text)
        bad = bureau("GET", "/forms/%s/annual-registration" % p["name"])
        self.assertEqual(bad.status_code, 400)

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
