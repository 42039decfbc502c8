// ExportCampaign through the gRPC API: the pages concatenated are one CSV file that a CSV parser
// reads back (BOM, Chinese headers, quoting), with formula-like cells neutralised and auxiliaries
// below the minimum sample withheld.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "auxpro/survey/v1/survey_service.grpc.pb.h"
#include "services/personnel/personnel_module.h"
#include "services/survey/survey_module.h"
#include "tests/support/call.h"
#include "tests/support/survey_client.h"
#include "tests/support/survey_district.h"
#include "tests/support/test_server.h"

namespace auxpro {
namespace {

namespace v1 = survey::v1;
using testing::Call;
using testing::Submit;
using testing::TestServer;

// RFC 4180: quoted cells with doubled quotes, CRLF or LF line ends, line breaks inside quotes.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(cell);
      cell.clear();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(cell);
      rows.push_back(row);
      row.clear();
      cell.clear();
      any = false;
    } else {
      cell += c;
      any = true;
    }
  }
  if (any || !row.empty()) {
    row.push_back(cell);
    rows.push_back(row);
  }
  return rows;
}

class SurveyExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(
        std::vector<service::ModuleSpec>{survey::SurveyModule(), personnel::PersonnelModule()});
    stubs_ = std::make_unique<testing::SurveyStubs>(*server_);
    aux_ = testing::HireAuxiliaries(*server_, {personnel::v1::FIELD, personnel::v1::OFFICE});
    ASSERT_EQ(aux_.size(), 2u);
  }

  // Every page of an export, concatenated.
  std::string ExportAll(const std::string& campaign, v1::ExportCampaignRequest::Content content,
                        int page_size, int* pages) {
    std::string all;
    v1::ExportCampaignRequest r;
    r.set_name(campaign);
    r.set_content(content);
    r.set_page_size(page_size);
    *pages = 0;
    do {
      v1::ExportCampaignResponse page;
      grpc::Status s = Call(*stubs_->bureau, &v1::Survey::Stub::ExportCampaign, r, &page);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) break;
      all += page.csv();
      r.set_page_token(page.next_page_token());
      ++*pages;
    } while (!r.page_token().empty());
    return all;
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<testing::SurveyStubs> stubs_;
  std::vector<testing::Auxiliary> aux_;
};

TEST_F(SurveyExportTest, ResponsesAndRatesReadBackWithACsvParser) {
  v1::Campaign c = testing::MakeCampaign(*stubs_->bureau, aux_);
  const std::string tricky = "=1+2, \"引号\"\n第二行\x07";
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(Submit(*stubs_->gateway, c.name(), aux_[0].badge_number, absl::StrCat("k", i),
                       absl::StrCat("s-", i), {5, 4, 3, 2, 1, 5, 4, 3, 2, 1}, i == 0 ? tricky : "")
                    .ok());
  }
  ASSERT_TRUE(Submit(*stubs_->gateway, c.name(), aux_[1].badge_number, "k0", "s-b",
                     std::vector<uint32_t>(10, 5), "@SUM(A1)")
                  .ok());
  int pages = 0;
  const std::string csv = ExportAll(c.name(), v1::ExportCampaignRequest::RESPONSES, 7, &pages);
  EXPECT_GE(pages, 5);  // 31 responses, 7 a page
  ASSERT_TRUE(absl::StartsWith(csv, "\xEF\xBB\xBF"));
  const auto rows = ParseCsv(csv.substr(3));
  ASSERT_EQ(rows.size(), 31u);  // header + 30: the office auxiliary's single response is withheld
  EXPECT_EQ(rows[0][0], "工号");
  EXPECT_EQ(rows[0][3], "第1题");
  EXPECT_EQ(rows[0].back(), "意见和建议");
  bool found = false;
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 14u);
    EXPECT_EQ(rows[i][0], aux_[0].badge_number);
    EXPECT_EQ(rows[i][3], "非常满意");
    EXPECT_EQ(rows[i][7], "不满意");
    if (!rows[i][13].empty()) {
      found = true;
      EXPECT_EQ(rows[i][13], "'=1+2, \"引号\"\n第二行 ");  // a text, not a formula
    }
    EXPECT_EQ(rows[i][13].find("@SUM"), std::string::npos);
  }
  EXPECT_TRUE(found);

  const std::string rates = ExportAll(c.name(), v1::ExportCampaignRequest::RATES, 1, &pages);
  const auto rate_rows = ParseCsv(rates.substr(3));
  ASSERT_EQ(rate_rows.size(), 3u);
  EXPECT_EQ(rate_rows[0][2], "满意率(%)");
  std::map<std::string, std::vector<std::string>> by_person;
  for (size_t i = 1; i < rate_rows.size(); ++i) by_person[rate_rows[i][0]] = rate_rows[i];
  EXPECT_EQ(by_person[aux_[0].person][1], "30");
  EXPECT_EQ(by_person[aux_[0].person][2], "60.0");  // 5, 4, 3 of 1-5: six of ten
  EXPECT_EQ(by_person[aux_[1].person][2], "样本不足");
}

}  // namespace
}  // namespace auxpro
