"""The survey page and the printable forms in headless Chromium (Debian's chromium,
chromium-driver, python3-selenium), phone-sized, against the gateways run.sh started.

  browser_test.py --smoke   open the QR link, answer, submit, see the thank-you; a screenshot
  browser_test.py           also: again -> already answered, closed campaign, forged and missing
                            cookie, the forms printed to PDF (A4) and checked for their fields
Screenshots and PDFs go to $GW_ARTEFACT_DIR.
"""
import base64
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import uuid

import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

import longquan_district

CA = os.environ["GW_CA"]
BUREAU = os.environ["GW_BUREAU_URL"]
PUBLIC = os.environ["GW_PUBLIC_URL"]
ARTEFACTS = os.environ.get("GW_ARTEFACT_DIR", tempfile.mkdtemp())
J = "jurisdictions/wenjiang"
SMOKE = "--smoke" in sys.argv
if SMOKE:
    sys.argv.remove("--smoke")


def bureau(method, path, **kw):
    return requests.request(method, BUREAU + path, verify=CA, timeout=30, **kw)


def open_campaign():
    cs = bureau("GET", "/v1/%s/campaigns" % J, params={"pageSize": 50}).json()["campaigns"]
    name = [c for c in cs if c.get("state") == "OPEN" and c["displayName"] != "关闭测试"][0]["name"]
    return bureau("GET", "/v1/" + name).json()


def link_for(campaign, auxiliary_index):
    c = open_campaign() if campaign is None else campaign
    badge = bureau("GET", "/v1/" + c["auxiliaries"][auxiliary_index]).json()["badgeNumber"]
    r = bureau("GET", "/forms/%s/qr/%s.png" % (c["name"], badge))
    assert r.status_code == 200, r.text
    return r.headers["X-Survey-Link"]


def new_driver():
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--ignore-certificate-errors", "--lang=zh-CN", "--user-data-dir=" + tempfile.mkdtemp()):
        opts.add_argument(a)
    opts.add_experimental_option("mobileEmulation", {
        "deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2.0},
        "userAgent": "Mozilla/5.0 (Linux; Android 13) Mobile"})
    d = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=opts)
    d.set_page_load_timeout(30)
    return d


def answer_all(d, value=5):
    for fs in d.find_elements(By.CSS_SELECTOR, "fieldset.q"):
        fs.find_element(By.CSS_SELECTOR, 'input[value="%d"]' % value).click()
    comments = d.find_elements(By.ID, "comment")
    if comments:
        comments[0].send_keys("耐心细致")
    d.find_element(By.ID, "submit").click()


def result_kind(d):
    # The submission navigates: wait for the result page rather than read the form page.
    el = WebDriverWait(d, 30).until(EC.presence_of_element_located((By.ID, "result")))
    return el.get_attribute("data-kind")


class SurveyInBrowserTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.d = new_driver()
        cls.campaign = open_campaign()

    @classmethod
    def tearDownClass(cls):
        cls.d.quit()

    def test_smoke_answer_and_thanks(self):
        d = self.d
        d.delete_all_cookies()
        d.get(link_for(self.campaign, 6))
        self.assertGreater(len(d.find_elements(By.CSS_SELECTOR, "fieldset.q")), 3)
        # Phone-sized: nothing wider than the screen.
        self.assertLessEqual(d.execute_script("return document.documentElement.scrollWidth"), 390)
        d.save_screenshot(os.path.join(ARTEFACTS, "survey-form.png"))
        answer_all(d)
        self.assertEqual(result_kind(d), "thanks")
        self.assertIn("感谢", d.find_element(By.TAG_NAME, "h1").text)
        d.save_screenshot(os.path.join(ARTEFACTS, "survey-thanks.png"))
        # The respondent cookie is there, but scripts cannot read it.
        self.assertEqual(d.execute_script("return document.cookie"), "")

    @unittest.skipIf(SMOKE, "full run only")
    def test_again_is_already_answered(self):
        d = self.d
        d.delete_all_cookies()
        link = link_for(self.campaign, 5)
        d.get(link)
        answer_all(d)
        self.assertEqual(result_kind(d), "thanks")
        d.get(link)
        answer_all(d, value=1)
        self.assertEqual(result_kind(d), "already")
        d.save_screenshot(os.path.join(ARTEFACTS, "survey-already.png"))

    @unittest.skipIf(SMOKE, "full run only")
    def test_forged_and_missing_cookie(self):
        d = self.d
        d.delete_all_cookies()
        link = link_for(self.campaign, 4)
        d.get(link)
        d.delete_all_cookies()
        d.add_cookie({"name": "__Host-auxpro_respondent", "value": "B" * 22 + ".forged",
                      "path": "/", "secure": True, "httpOnly": True})
        answer_all(d)
        self.assertEqual(result_kind(d), "forbidden")
        d.get(link)
        d.delete_all_cookies()
        answer_all(d)
        self.assertEqual(result_kind(d), "forbidden")
        d.save_screenshot(os.path.join(ARTEFACTS, "survey-forbidden.png"))

    @unittest.skipIf(SMOKE, "full run only")
    def test_closed_campaign(self):
        today = datetime.date.today()
        q0 = datetime.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        end = datetime.date(q0.year + (q0.month + 3 > 12), (q0.month + 2) % 12 + 1, 1) - datetime.timedelta(days=1)
        r = bureau("POST", "/v1/%s/campaigns" % J, headers={"X-Request-Id": str(uuid.uuid4())}, json={
            "displayName": "浏览器关闭测试", "auxiliaries": [self.campaign["auxiliaries"][3]],
            "periodStart": {"year": q0.year, "month": q0.month, "day": 1},
            "periodEnd": {"year": end.year, "month": end.month, "day": end.day}})
        self.assertEqual(r.status_code, 200, r.text)
        c = r.json()
        bureau("POST", "/v1/%s:open" % c["name"], json={})
        link = link_for(bureau("GET", "/v1/" + c["name"]).json(), 0)
        bureau("POST", "/v1/%s:close" % c["name"], json={})
        self.d.get(link)
        self.assertEqual(result_kind(self.d), "closed")
        self.d.save_screenshot(os.path.join(ARTEFACTS, "survey-closed.png"))


@unittest.skipIf(SMOKE, "full run only")
class FormsPrintTest(unittest.TestCase):
    """The forms printed to PDF by the same browser (through the bureau's gateway)."""

    @classmethod
    def setUpClass(cls):
        cls.d = new_driver()

    @classmethod
    def tearDownClass(cls):
        cls.d.quit()

    def print_pdf(self, url, name):
        self.d.get(url)
        # preferCSSPageSize: the page size is the form's own @page (A4), not the printer default.
        pdf = base64.b64decode(self.d.execute_cdp_cmd("Page.printToPDF", {
            "preferCSSPageSize": True, "printBackground": True})["data"])
        path = os.path.join(ARTEFACTS, name)
        with open(path, "wb") as f:
            f.write(pdf)
        self.assertTrue(pdf.startswith(b"%PDF"))
        # A4 = 595 x 842 points.
        box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
        self.assertIsNotNone(box)
        self.assertAlmostEqual(float(box.group(1)), 595, delta=2)
        self.assertAlmostEqual(float(box.group(2)), 842, delta=2)
        text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout
        return text

    def test_roster_prints(self):
        units = bureau("GET", "/v1/%s/units" % J).json()["units"]
        unit = max(units, key=lambda u: u.get("memberCount", 0))
        roster = bureau("GET", "/v1/%s/publicRoster" % unit["name"]).json()
        text = self.print_pdf(BUREAU + "/forms/%s/roster" % unit["name"], "roster.pdf")
        self.assertIn("公示", text)
        for e in roster["entries"][:5]:
            self.assertIn(e["fullName"], text.replace(" ", ""))

    def test_annual_registration_prints_every_field(self):
        # A longquan person's whole form (longquan annex 2), checked against GetAnnualRegistration.
        made = longquan_district.registration()
        form = made["form"]
        text = self.print_pdf(longquan_district.BUREAU + "/forms/%s/annual-registration?year=%d" % (
            made["person"]["name"], made["year"]), "annual-registration.pdf")
        flat = re.sub(r"\s+", "", text)

        def day(d):
            return "%d年%d月%d日" % (d["year"], d["month"], d["day"])

        expected = [form["issuer"], "附件2", "协勤人员年度考核登记表", "%d年度" % made["year"],
                    "姓名", form["fullName"], "性别", {"MALE": "男", "FEMALE": "女"}[form["gender"]],
                    "出生", "%d年%d月" % (form["birthDate"]["year"], form["birthDate"]["month"]),
                    "政治", form["politicalStatus"],
                    "任现职", "%d年%d月" % (form["postSince"]["year"], form["postSince"]["month"]),
                    "考核等次", "优秀", "单位", form["unitDisplayName"], form["post"],
                    "本人签名：" + form["personalSummary"]["signedBy"], "科队评语", "分管领导", "局党组",
                    day(form["acknowledgeDate"]), form["acknowledgementRef"], form["article"],
                    day(form["dueDate"]), "已完成"]
        for part in ("personalSummary", "unitComment", "supervisorOpinion", "partyGroupOpinion"):
            expected += [form[part]["text"], day(form[part]["signDate"])]
            if part != "partyGroupOpinion":  # annex 2: the party group's opinion is dated, unsigned
                expected.append("签名：" + form[part]["signedBy"])
        for value in expected:
            self.assertIn(re.sub(r"\s+", "", value), flat, value)
        self.assertEqual(form["issuer"], "龙泉市综合行政执法局")

    # The rows of 6.1 and table 1 as the qualification form names them (grading_forms.go).
    REQUIREMENT_LABELS = {
        "BASIC_INTEGRITY": "未被列为失信人员", "BASIC_FITNESS": "心理素质和体能",
        "BASIC_CONDUCT": "仪容仪表和行为举止", "BASIC_NO_VIOLATION": "未受到过违法违纪处理",
        "AGE": "年龄", "EDUCATION": "学历", "MANDARIN": "普通话水平", "ENGLISH": "英语水平",
        "DEVICES_AND_VEHICLES": "智能设备及交通工具", "PROFESSIONAL_EXAM": "专业知识考试",
        "SATISFACTION": "群众满意度", "LEVEL_POINTS": "积分", "ASSESSMENT_RESULT": "考核结果"}
    STATUS_LABELS = {"PASS": "达标", "FAIL": "未达标", "INSUFFICIENT": "依据不足",
                     "UNAVAILABLE": "暂无法核实", "NOT_REQUIRED": "不要求"}
    LEVELS = {1: "一级", 2: "二级", 3: "三级", 4: "四级", 5: "五级"}

    def test_qualification_form_prints_the_requirement_check(self):
        p = bureau("GET", "/v1/%s/persons" % J, params={"filter": "state=ACTIVE", "pageSize": 1}).json()["persons"][0]
        check = bureau("GET", "/v1/%s:checkRequirements" % p["name"]).json()
        self.assertTrue(check.get("rows"), check)
        text = self.print_pdf(BUREAU + "/forms/%s/qualification" % p["name"], "qualification.pdf")
        flat = re.sub(r"\s+", "", text)
        for label in ("综合执法辅助岗位", "任职资格标准考核认证表", "姓名", "申报", "考核项目", "标准要求",
                      "核验情况", "核验结论", "本人签名"):
            self.assertIn(label, flat)
        self.assertIn(p["fullName"], flat)
        self.assertIn(self.LEVELS[check["targetLevel"]], flat)
        for row in check["rows"]:
            self.assertIn(self.REQUIREMENT_LABELS[row["requirement"]], flat, row)
            self.assertIn(self.STATUS_LABELS[row["status"]], flat, row)
        self.assertIn("全部达标" if check.get("passed") else "未全部达标", flat)
        # The signing agencies of 8.4.1: the bureau with the HR company for level 5, else the
        # establishment office.
        self.assertIn("国有人力" if check["targetLevel"] == 5 else "区委编办", flat)
        # The same access rules as the API: another jurisdiction's person is not found.
        r = bureau("GET", "/forms/jurisdictions/haimen/persons/%s/qualification" % p["name"].split("/")[-1])
        self.assertEqual(r.status_code, 404, r.text)

    def test_result_notice_prints_its_decisions(self):
        # A published notice as the grading service stores it (PublishResultNotice needs decided
        # applications of levels 4-1, which the demo district has none of): its row, written into
        # the grading schema, is what GetResultNotice answers and the form shows.
        persons = bureau("GET", "/v1/%s/persons" % J, params={"filter": "state=ACTIVE", "pageSize": 2}).json()["persons"]
        self.assertEqual(len(persons), 2)
        nid = "rn-" + uuid.uuid4().hex[:12]
        ref = "温编发〔%d〕%d号" % (datetime.date.today().year, 12)
        body = {"name": "%s/resultNotices/%s" % (J, nid), "documentRef": ref,
                "publishDate": {"year": 2026, "month": 11, "day": 30},
                "entries": [
                    {"application": J + "/applications/a-1", "person": persons[0]["name"], "fromLevel": 5,
                     "targetLevel": 4, "outcome": "APPROVE"},
                    {"application": J + "/applications/a-2", "person": persons[1]["name"], "fromLevel": 4,
                     "targetLevel": 3, "outcome": "REJECT"}]}
        js = json.dumps(body, ensure_ascii=False).replace("\\", "\\\\").replace("'", "\\'")
        sql("INSERT INTO `%sgrading`.result_notices (jurisdiction, id, publish_date, body, created_at) "
            "VALUES ('wenjiang', '%s', '2026-11-30', '%s', NOW(6))" % (os.environ["GW_DB_PREFIX"], nid, js))
        api = bureau("GET", "/v1/%s/resultNotices/%s" % (J, nid))
        self.assertEqual(api.status_code, 200, api.text)
        text = self.print_pdf(BUREAU + "/forms/%s/resultNotices/%s" % (J, nid), "result-notice.pdf")
        flat = re.sub(r"\s+", "", text)
        for label in ("定级结果的通知", ref, "姓名", "原岗位等级", "评定等级", "评定结果", "区委编办", "2026年11月30日"):
            self.assertIn(label, flat)
        rows = [l for l in text.splitlines() if persons[0]["fullName"] in l.replace(" ", "")]
        self.assertTrue(rows and "五级" in rows[0] and "四级" in rows[0] and "通过" in rows[0], rows)
        rows = [l for l in text.splitlines() if persons[1]["fullName"] in l.replace(" ", "")]
        self.assertTrue(rows and "三级" in rows[0] and "不通过" in rows[0], rows)


def sql(query):
    out = subprocess.run(
        ["mariadb", "-h", os.environ["AUXPRO_TEST_MYSQL_HOST"], "-P", os.environ["AUXPRO_TEST_MYSQL_PORT"],
         "-u", os.environ["AUXPRO_TEST_MYSQL_USER"], "--batch", "-N", "-e", query],
        env=dict(os.environ, MYSQL_PWD=os.environ["AUXPRO_TEST_MYSQL_PASSWORD"]),
        capture_output=True, text=True, check=True)
    return out.stdout


if __name__ == "__main__":
    unittest.main()
