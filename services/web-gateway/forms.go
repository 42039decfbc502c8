package main

// Printable forms of this agency's instance (HTML with print styles, A4, Noto CJK), each a view
// of data the API returns, fetched with the agency's certificate (so the same access rules):
//
//   /forms/jurisdictions/{j}/units/{u}/roster                       public roster (wenjiang 5.2)
//   /forms/jurisdictions/{j}/persons/{p}/annual-registration?year=Y  年度考核登记表 (longquan annex 2):
//       GetAnnualRegistration as printed; the rpc's error where the policy has no such form
//   /forms/jurisdictions/{j}/campaigns/{c}/qr/{badge}.png            QR code of the survey link
//   /forms/jurisdictions/{j}/campaigns/{c}/badge-wall?unit=...       printable QR sheet of a unit
//   /forms/jurisdictions/{j}/persons/{p}/qualification?level=N       任职资格标准考核认证表 (wenjiang 8.4)
//   /forms/jurisdictions/{j}/resultNotices/{n}                       定级结果通知 (wenjiang 8.4.1.2)
// (the last two: grading_forms.go)
//
// The survey links point at --survey_base_url, the citizens' (PUBLIC) instance.

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"time"

	qrcode "github.com/skip2/go-qrcode"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	assessmentv1 "auxpro/services/web-gateway/gen/auxpro/assessment/v1"
	commonv1 "auxpro/services/web-gateway/gen/auxpro/common/v1"
	gradingv1 "auxpro/services/web-gateway/gen/auxpro/grading/v1"
	personnelv1 "auxpro/services/web-gateway/gen/auxpro/personnel/v1"
	surveyv1 "auxpro/services/web-gateway/gen/auxpro/survey/v1"
)

var (
	rosterPath   = regexp.MustCompile(`^/forms/(jurisdictions/[a-z0-9-]{1,63}/units/[a-z0-9-]{1,63})/roster$`)
	annualPath   = regexp.MustCompile(`^/forms/(jurisdictions/[a-z0-9-]{1,63}/persons/[a-z0-9-]{1,63})/annual-registration$`)
	qrPath       = regexp.MustCompile(`^/forms/(jurisdictions/[a-z0-9-]{1,63}/campaigns/[a-z0-9-]{1,63})/qr/([A-Za-z0-9-]{1,32})\.png$`)
	badgeWallRe  = regexp.MustCompile(`^/forms/(jurisdictions/[a-z0-9-]{1,63}/campaigns/[a-z0-9-]{1,63})/badge-wall$`)
	unitNameRe   = regexp.MustCompile(`^jurisdictions/[a-z0-9-]{1,63}/units/[a-z0-9-]{1,63}$`)
	formTemplate = template.Must(template.New("").Funcs(template.FuncMap{
		"date": func(d *commonv1.Date) string {
			if d == nil || d.GetYear() == 0 {
				return ""
			}
			return fmt.Sprintf("%d年%d月", d.GetYear(), d.GetMonth())
		},
		"inc": func(i int) int { return i + 1 },
		"qr": func(campaign, badge string) string {
			return "/forms/" + campaign + "/qr/" + url.PathEscape(badge) + ".png"
		},
	}).ParseFS(assets, "templates/forms/*.html"))
)

type forms struct {
	personnel  personnelv1.PersonnelClient
	assessment assessmentv1.AssessmentClient
	survey     surveyv1.SurveyClient
	grading    gradingv1.GradingClient
}

func registerForms(root *http.ServeMux, be *backends) error {
	conns := map[string]*grpc.ClientConn{}
	for _, svc := range []string{"personnel", "assessment", "survey", "grading"} {
		c, err := be.conn(svc)
		if err != nil {
			return err
		}
		conns[svc] = c
	}
	f := &forms{personnelv1.NewPersonnelClient(conns["personnel"]), assessmentv1.NewAssessmentClient(conns["assessment"]),
		surveyv1.NewSurveyClient(conns["survey"]), gradingv1.NewGradingClient(conns["grading"])}
	root.Handle("/forms/static/", http.StripPrefix("/forms/", http.FileServer(http.FS(assets))))
	root.HandleFunc("/forms/", f.serve)
	return nil
}

func (f *forms) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		writeHTTPError(w, codes.Unimplemented, "method not allowed")
		return
	}
	// The actor and the request id travel as for the API (audit of reads is the server's).
	ctx, cancel := context.WithTimeout(r.Context(), *defaultTimeout)
	defer cancel()
	if md := actorMetadata(ctx, r); md != nil {
		ctx = metadata.NewOutgoingContext(ctx, md)
	}
	p := r.URL.Path
	switch {
	case rosterPath.MatchString(p):
		f.roster(ctx, w, rosterPath.FindStringSubmatch(p)[1])
	case annualPath.MatchString(p):
		f.annual(ctx, w, r, annualPath.FindStringSubmatch(p)[1])
	case qrPath.MatchString(p):
		m := qrPath.FindStringSubmatch(p)
		f.qr(ctx, w, m[1], m[2])
	case badgeWallRe.MatchString(p):
		f.badgeWall(ctx, w, r, badgeWallRe.FindStringSubmatch(p)[1])
	case qualificationPath.MatchString(p):
		f.qualification(ctx, w, r, qualificationPath.FindStringSubmatch(p)[1])
	case resultNoticePath.MatchString(p):
		f.resultNotice(ctx, w, resultNoticePath.FindStringSubmatch(p)[1])
	default:
		writeHTTPError(w, codes.NotFound, "no such form")
	}
}

func apiError(w http.ResponseWriter, err error) {
	st := status.Convert(err)
	code, b := statusBody(st)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	w.Write(b)
}

func renderForm(w http.ResponseWriter, name string, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := formTemplate.ExecuteTemplate(w, name, data); err != nil {
		fmt.Fprintf(w, "<!-- template error -->")
	}
}

func (f *forms) roster(ctx context.Context, w http.ResponseWriter, unit string) {
	roster, err := f.personnel.GetPublicRoster(ctx, &personnelv1.GetPublicRosterRequest{Unit: unit})
	if err != nil {
		apiError(w, err)
		return
	}
	renderForm(w, "roster.html", map[string]any{"Roster": roster, "Unit": f.unitTitle(ctx, unit),
		"Printed": time.Now().In(chinaTime).Format("2006年1月2日")})
}

// unitTitle: the unit's display name (its resource name when it cannot be read).
func (f *forms) unitTitle(ctx context.Context, unit string) string {
	parent := "jurisdictions/" + jurisdictionOf(unit)
	token := ""
	for i := 0; i < 20; i++ {
		resp, err := f.personnel.ListUnits(ctx, &personnelv1.ListUnitsRequest{Parent: parent,
			PageSize: 100, PageToken: token})
		if err != nil {
			return unit
		}
		for _, u := range resp.GetUnits() {
			if u.GetName() == unit {
				return u.GetDisplayName()
			}
		}
		if token = resp.GetNextPageToken(); token == "" {
			break
		}
	}
	return unit
}

var gradeLabels = map[string]string{"EXCELLENT": "优秀", "GOOD": "良好", "FAIR": "一般",
	"COMPETENT": "称职", "BASICALLY_COMPETENT": "基本称职", "INCOMPETENT": "不称职", "POOR": "较差"}

var (
	yearRe = regexp.MustCompile(`^[0-9]{4}$`)
	// The annex the policy's article names ("longquan art. 13(2), annex 2" -> 附件2).
	annexRe = regexp.MustCompile(`annex ([0-9]+)`)
)

// signedPart is one signed block of the registration form as printed.
type signedPart struct {
	Recorded                 bool
	Text, SignedBy, SignDate string
}

func signed(s *assessmentv1.AnnualRegistration_Signed) signedPart {
	if s == nil {
		return signedPart{}
	}
	d := s.GetSignDate()
	return signedPart{true, s.GetText(), s.GetSignedBy(), dateDay(d.GetYear(), d.GetMonth(), d.GetDay())}
}

// annual: the 年度考核登记表 as GetAnnualRegistration returns it (heading, particulars, grade,
// the signed parts, the acknowledgement, due date and state). Where the policy has no such form
// the rpc's FAILED_PRECONDITION (REGISTRATION_NOT_CONFIGURED) is the answer.
func (f *forms) annual(ctx context.Context, w http.ResponseWriter, r *http.Request, person string) {
	year := r.URL.Query().Get("year")
	if !yearRe.MatchString(year) {
		writeHTTPError(w, codes.InvalidArgument, "year: a calendar year of four digits is required")
		return
	}
	form, err := f.assessment.GetAnnualRegistration(ctx, &assessmentv1.GetAnnualRegistrationRequest{
		Name: person + "/annualRegistrations/" + year})
	if err != nil {
		apiError(w, err)
		return
	}
	annex := ""
	if m := annexRe.FindStringSubmatch(form.GetArticle()); m != nil {
		annex = m[1]
	}
	grade := form.GetGrade()
	if l, ok := gradeLabels[grade]; ok {
		grade = l
	}
	gender := map[commonv1.Gender]string{commonv1.Gender_MALE: "男", commonv1.Gender_FEMALE: "女"}[form.GetGender()]
	state := "未完成"
	if form.GetComplete() {
		state = "已完成"
	}
	if form.GetOverdue() {
		state += "（逾期）"
	}
	ack, due := form.GetAcknowledgeDate(), form.GetDueDate()
	renderForm(w, "annual.html", map[string]any{
		"Form":         form,
		"Annex":        annex,
		"Gender":       gender,
		"Grade":        grade,
		"Summary":      signed(form.GetPersonalSummary()),
		"UnitComment":  signed(form.GetUnitComment()),
		"Supervisor":   signed(form.GetSupervisorOpinion()),
		"PartyGroup":   signed(form.GetPartyGroupOpinion()),
		"Acknowledged": dateDay(ack.GetYear(), ack.GetMonth(), ack.GetDay()),
		"Due":          dateDay(due.GetYear(), due.GetMonth(), due.GetDay()),
		"State":        state,
	})
}

func jurisdictionOf(name string) string {
	rest := name[len("jurisdictions/"):]
	for i := 0; i < len(rest); i++ {
		if rest[i] == '/' {
			return rest[:i]
		}
	}
	return rest
}

func (f *forms) surveyURL(ctx context.Context, campaign, badge string) (string, error) {
	link, err := f.survey.GetSurveyLink(ctx, &surveyv1.GetSurveyLinkRequest{Name: campaign, BadgeNumber: badge})
	if err != nil {
		return "", err
	}
	return *surveyBaseURL + "/s/" + campaign + "?l=" + url.QueryEscape(link.GetPayload()), nil
}

func (f *forms) qr(ctx context.Context, w http.ResponseWriter, campaign, badge string) {
	link, err := f.surveyURL(ctx, campaign, badge)
	if err != nil {
		apiError(w, err)
		return
	}
	png, err := qrcode.Encode(link, qrcode.Medium, 384)
	if err != nil {
		writeHTTPError(w, codes.Internal, "could not draw the QR code")
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("X-Survey-Link", link)
	w.Write(png)
}

func (f *forms) badgeWall(ctx context.Context, w http.ResponseWriter, r *http.Request, campaign string) {
	unit := r.URL.Query().Get("unit")
	if !unitNameRe.MatchString(unit) {
		writeHTTPError(w, codes.InvalidArgument, "unit: a unit name jurisdictions/{j}/units/{u} is required")
		return
	}
	roster, err := f.personnel.GetPublicRoster(ctx, &personnelv1.GetPublicRosterRequest{Unit: unit})
	if err != nil {
		apiError(w, err)
		return
	}
	type card struct{ Name, Badge, DutyArea, Link string }
	var cards []card
	for _, e := range roster.GetEntries() {
		if e.GetBadgeNumber() == "" {
			continue
		}
		link, err := f.surveyURL(ctx, campaign, e.GetBadgeNumber())
		if err != nil {
			continue // not covered by this campaign
		}
		cards = append(cards, card{e.GetFullName(), e.GetBadgeNumber(), e.GetDutyArea(), link})
	}
	renderForm(w, "badge-wall.html", map[string]any{"Campaign": campaign, "Unit": f.unitTitle(ctx, unit), "Cards": cards})
}

var chinaTime = time.FixedZone("CST", 8*3600)
