package main

// The grading forms (wenjiang 8.4), views of what the grading API returns:
//
//   /forms/jurisdictions/{j}/persons/{p}/qualification?level=N  任职资格标准考核认证表: the
//       requirement check (CheckRequirements, computed now) of the person for level N (0 or
//       absent: the next level up), every row with the value found, its source and its outcome,
//       and the blocks the assessing agencies sign (8.4.1.1: bureau and HR company for level 5;
//       8.4.1.2: the establishment office for levels 4-1).
//   /forms/jurisdictions/{j}/resultNotices/{n}                  定级结果通知 (8.4.1.2): the
//       published notice (GetResultNotice) with its document number, date and every decision,
//       the persons' names and units from personnel.

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"

	"google.golang.org/grpc/codes"

	commonv1 "auxpro/services/web-gateway/gen/auxpro/common/v1"
	gradingv1 "auxpro/services/web-gateway/gen/auxpro/grading/v1"
	personnelv1 "auxpro/services/web-gateway/gen/auxpro/personnel/v1"
)

var (
	qualificationPath = regexp.MustCompile(`^/forms/(jurisdictions/[a-z0-9-]{1,63}/persons/[a-z0-9-]{1,63})/qualification$`)
	resultNoticePath  = regexp.MustCompile(`^/forms/(jurisdictions/[a-z0-9-]{1,63}/resultNotices/[a-z0-9-]{1,63})$`)
)

var levelNames = map[int32]string{1: "一级", 2: "二级", 3: "三级", 4: "四级", 5: "五级"}

func levelName(l int32) string {
	if n, ok := levelNames[l]; ok {
		return n
	}
	return "无"
}

// The rows of 6.1 and table 1 as the form names them.
var requirementLabels = map[gradingv1.Requirement]string{
	gradingv1.Requirement_BASIC_INTEGRITY:      "未被列为失信人员",
	gradingv1.Requirement_BASIC_FITNESS:        "心理素质和体能",
	gradingv1.Requirement_BASIC_CONDUCT:        "仪容仪表和行为举止",
	gradingv1.Requirement_BASIC_NO_VIOLATION:   "未受到过违法违纪处理",
	gradingv1.Requirement_AGE:                  "年龄",
	gradingv1.Requirement_EDUCATION:            "学历",
	gradingv1.Requirement_MANDARIN:             "普通话水平",
	gradingv1.Requirement_ENGLISH:              "英语水平",
	gradingv1.Requirement_DEVICES_AND_VEHICLES: "智能设备及交通工具",
	gradingv1.Requirement_PROFESSIONAL_EXAM:    "专业知识考试",
	gradingv1.Requirement_SATISFACTION:         "群众满意度",
	gradingv1.Requirement_LEVEL_POINTS:         "积分",
	gradingv1.Requirement_ASSESSMENT_RESULT:    "考核结果",
}

var rowStatusLabels = map[gradingv1.RowStatus]string{
	gradingv1.RowStatus_PASS:         "达标",
	gradingv1.RowStatus_FAIL:         "未达标",
	gradingv1.RowStatus_INSUFFICIENT: "依据不足",
	gradingv1.RowStatus_UNAVAILABLE:  "暂无法核实",
	gradingv1.RowStatus_NOT_REQUIRED: "不要求",
}

var outcomeLabels = map[gradingv1.Outcome]string{gradingv1.Outcome_APPROVE: "通过", gradingv1.Outcome_REJECT: "不通过"}

type qualificationRow struct {
	Label, Article, Required, Value, Source, Status, StatusCode, Note string
}

func (f *forms) qualification(ctx context.Context, w http.ResponseWriter, r *http.Request, person string) {
	level := 0
	if s := r.URL.Query().Get("level"); s != "" {
		var err error
		if level, err = strconv.Atoi(s); err != nil || level < 0 || level > 5 {
			writeHTTPError(w, codes.InvalidArgument, "level: 1-5, or 0 for the next level up")
			return
		}
	}
	check, err := f.grading.CheckRequirements(ctx, &gradingv1.CheckRequirementsRequest{Person: person,
		TargetLevel: int32(level)})
	if err != nil {
		apiError(w, err)
		return
	}
	p, err := f.personnel.GetPerson(ctx, &personnelv1.GetPersonRequest{Name: person})
	if err != nil {
		apiError(w, err)
		return
	}
	var rows []qualificationRow
	for _, row := range check.GetRows() {
		label, ok := requirementLabels[row.GetRequirement()]
		if !ok {
			label = row.GetRequirement().String()
		}
		source := row.GetSourceService()
		if row.GetSourceRecord() != "" {
			source += " " + row.GetSourceRecord()
		}
		rows = append(rows, qualificationRow{label, row.GetArticle(), row.GetRequired(), row.GetValue(), source,
			rowStatusLabels[row.GetStatus()], row.GetStatus().String(), row.GetNote()})
	}
	unit := ""
	if p.GetUnit() != "" {
		unit = f.unitTitle(ctx, p.GetUnit())
	}
	gender := map[commonv1.Gender]string{commonv1.Gender_MALE: "男", commonv1.Gender_FEMALE: "女"}[p.GetGender()]
	post := map[personnelv1.PostType]string{personnelv1.PostType_FIELD: "外勤", personnelv1.PostType_OFFICE: "内勤"}[p.GetPostType()]
	verdict := "未全部达标"
	if check.GetPassed() {
		verdict = "全部达标"
	}
	renderForm(w, "qualification.html", map[string]any{"Person": p, "Gender": gender, "Unit": unit, "Post": post,
		"Check": check, "Rows": rows, "Current": levelName(check.GetCurrentLevel()),
		"Target": levelName(check.GetTargetLevel()), "EntryLevel": check.GetTargetLevel() == 5,
		"Verdict": verdict, "CheckDate": dateDay(check.GetCheckDate().GetYear(), check.GetCheckDate().GetMonth(), check.GetCheckDate().GetDay())})
}

type noticeEntry struct {
	Name, Unit, From, To, Outcome, OutcomeCode, Application string
}

func (f *forms) resultNotice(ctx context.Context, w http.ResponseWriter, name string) {
	n, err := f.grading.GetResultNotice(ctx, &gradingv1.GetResultNoticeRequest{Name: name})
	if err != nil {
		apiError(w, err)
		return
	}
	var entries []noticeEntry
	for _, e := range n.GetEntries() {
		full, unit := e.GetPerson(), ""
		if p, err := f.personnel.GetPerson(ctx, &personnelv1.GetPersonRequest{Name: e.GetPerson()}); err == nil {
			full = p.GetFullName()
			if p.GetUnit() != "" {
				unit = f.unitTitle(ctx, p.GetUnit())
			}
		}
		entries = append(entries, noticeEntry{full, unit, levelName(e.GetFromLevel()), levelName(e.GetTargetLevel()),
			outcomeLabels[e.GetOutcome()], e.GetOutcome().String(), e.GetApplication()})
	}
	d := n.GetPublishDate()
	renderForm(w, "result-notice.html", map[string]any{"Notice": n, "Entries": entries,
		"Published": dateDay(d.GetYear(), d.GetMonth(), d.GetDay())})
}

func dateDay(y, m, d int32) string {
	if y == 0 {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", y, m, d)
}
