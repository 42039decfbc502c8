// The generic request check (libs/service/request_check.h) on the services' real request
// messages: the concrete findings of the hostile-input review (enum numbers outside the enum,
// days = NaN, control characters, bidi overrides and newlines in single-line fields, invalid
// UTF-8) answered INVALID_ARGUMENT naming the field; and what a client sees of an error
// (libs/rpc/client_status.h, libs/common/safe_text.h).
#include "libs/service/request_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "auxpro/assessment/v1/daily_management.pb.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "auxpro/points/v1/points_service.pb.h"
#include "auxpro/survey/v1/survey_service.pb.h"
#include "libs/common/safe_text.h"
#include "libs/db/sql_error.h"
#include "libs/rpc/client_status.h"

namespace auxpro {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace personnel = ::auxpro::personnel::v1;

void ExpectInvalid(const google::protobuf::Message& request, const std::string& field) {
  absl::Status s = service::CheckRequest(request);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << request.ShortDebugString();
  EXPECT_THAT(s.message(), HasSubstr(field + ":")) << s;
}

TEST(RequestCheck, EnumNumbersOutsideTheEnumAreRefusedNamingTheField) {
  personnel::CreatePersonRequest create;
  create.mutable_person()->set_education(static_cast<common::v1::Education>(99));
  ExpectInvalid(create, "person.education");
  EXPECT_THAT(service::CheckRequest(create).message(),
              HasSubstr("99 is not a value of auxpro.common.v1.Education"));

  create.mutable_person()->set_education(common::v1::EDUCATION_UNSPECIFIED);
  create.mutable_person()->set_post_type(static_cast<personnel::PostType>(7));
  ExpectInvalid(create, "person.post_type");

  personnel::RecordTrainingRequest training;
  training.mutable_training_record()->set_kind(static_cast<personnel::TrainingKind>(9));
  ExpectInvalid(training, "training_record.kind");

  personnel::ExitPersonRequest exit;
  exit.set_reason(static_cast<personnel::ExitReason>(99));
  ExpectInvalid(exit, "reason");

  assessment::v1::CreateDailyRecordRequest daily;
  daily.mutable_daily_record()->set_kind(static_cast<assessment::v1::DailyRecordKind>(-3));
  ExpectInvalid(daily, "daily_record.kind");
}

TEST(RequestCheck, DefinedEnumValuesPass) {
  personnel::CreatePersonRequest create;
  create.mutable_person()->set_education(common::v1::JUNIOR_HIGH);
  create.mutable_person()->set_full_name("张三");
  EXPECT_TRUE(service::CheckRequest(create).ok());
}

TEST(RequestCheck, NonFiniteNumbersAreRefused) {
  assessment::v1::CreateDailyRecordRequest daily;
  daily.mutable_daily_record()->set_days(std::nan(""));
  ExpectInvalid(daily, "daily_record.days");
  daily.mutable_daily_record()->set_days(std::numeric_limits<double>::infinity());
  ExpectInvalid(daily, "daily_record.days");
  personnel::RecordTrainingRequest training;
  training.mutable_training_record()->set_days(-std::numeric_limits<double>::infinity());
  ExpectInvalid(training, "training_record.days");
  daily.mutable_daily_record()->set_days(2.5);
  EXPECT_TRUE(service::CheckRequest(daily).ok());
}

TEST(RequestCheck, SingleLineFieldsRefuseControlsBidiAndLineBreaks) {
  for (const std::string& bad :
       {std::string("Zhang\0San", 9), std::string("Zhang\nSan"), std::string("Zhang\rSan"),
        std::string("Zhang\tSan"), std::string("Zhang\x1bSan"), std::string("Zhang\x7fSan"),
        std::string("Zhang\xc2\x85San"),         // U+0085 NEL
        std::string("Zhang\xe2\x80\xaeSan"),     // U+202E RIGHT-TO-LEFT OVERRIDE
        std::string("Zhang\xe2\x81\xa6San"),     // U+2066 LEFT-TO-RIGHT ISOLATE
        std::string("Zhang\xe2\x80\xa8San")}) {  // U+2028 LINE SEPARATOR
    personnel::CreatePersonRequest create;
    create.mutable_person()->set_full_name(bad);
    ExpectInvalid(create, "person.full_name");
  }
  points::v1::ReverseEntryRequest reverse;
  reverse.set_reason("ok\n");
  ExpectInvalid(reverse, "reason");
}

// Free text keeps control characters as text (the survey issue: a comment with control characters
// is stored as text, never run); NUL and bidi overrides stay refused in every field.
TEST(RequestCheck, MultiLineFieldsTakeLineBreaksAndControlsButNotNulOrBidi) {
  personnel::ExitPersonRequest exit;
  exit.set_note("line one\nline two\r\n\tindented");
  EXPECT_TRUE(service::CheckRequest(exit).ok());
  exit.set_note(std::string("nul\0inside", 10));
  ExpectInvalid(exit, "note");
  exit.set_note("bidi \xe2\x80\xae override");
  ExpectInvalid(exit, "note");
  survey::v1::SubmitResponseRequest submit;
  submit.set_comment("很好\n谢谢");
  EXPECT_TRUE(service::CheckRequest(submit).ok());
  submit.set_comment("bell \x07 escape \x1b[31m del \x7f nel \xc2\x85");
  EXPECT_TRUE(service::CheckRequest(submit).ok());
  submit.set_comment(std::string("nul\0", 4));
  ExpectInvalid(submit, "comment");
}

TEST(RequestCheck, RepeatedFieldsAreNamedWithTheirIndex) {
  personnel::ExitPersonRequest exit;
  exit.add_confirmed_checklist("equipment_returned");
  exit.add_confirmed_checklist("badge\nreturned");
  ExpectInvalid(exit, "confirmed_checklist[1]");
}

TEST(RequestCheck, OutputOnlyFieldsAreIgnored) {
  // The server ignores them, so a resource read back and sent again is not refused for them.
  personnel::CreatePersonRequest create;
  create.mutable_person()->set_masked_national_id("a\nb");  // OUTPUT_ONLY
  EXPECT_TRUE(service::CheckRequest(create).ok()) << service::CheckRequest(create);
}

TEST(RequestCheck, InvalidUtf8IsInvalidArgumentNamingTheField) {
  personnel::CreatePersonRequest create;
  create.set_parent("jurisdictions/wenjiang");
  create.mutable_person()->set_full_name("x");
  std::string bytes = create.SerializeAsString();
  // Replace the name's "x" with a lone continuation byte.
  const size_t at = bytes.rfind('x');
  ASSERT_NE(at, std::string::npos);
  bytes[at] = '\x80';
  personnel::CreatePersonRequest parsed;
  absl::Status s = service::ParseRequest(bytes, &parsed);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("person.full_name: not valid UTF-8"));
  // Bytes that are no message at all.
  s = service::ParseRequest(std::string("\xff\xff\xff", 3), &parsed);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("auxpro.personnel.v1.CreatePersonRequest"));
  EXPECT_TRUE(service::ParseRequest(create.SerializeAsString(), &parsed).ok());
}

TEST(SafeText, QuoteInputShowsAShortPrefixOnly) {
  const std::string huge(3 << 20, 'a');
  const std::string quoted = QuoteInput(huge);
  EXPECT_LT(quoted.size(), 80u);
  EXPECT_THAT(quoted, HasSubstr("(3145728 bytes)"));
  EXPECT_EQ(QuoteInput("张三"), "\"张三\"");
  EXPECT_EQ(QuoteInput(std::string("a\0b", 3)), "\"a\\x00b\"");
  EXPECT_EQ(QuoteInput("\xe2\x80\xae"), "\"\\xe2\\x80\\xae\"");
}

TEST(SafeText, TruncateMessageCutsOnACharacterBoundary) {
  std::string message;
  for (int i = 0; i < 400; ++i) message += "张";  // 3 bytes each
  const std::string cut = TruncateMessage(message, 512);
  EXPECT_LT(cut.size(), 560u);
  EXPECT_TRUE(IsValidUtf8(cut));
  EXPECT_EQ(TruncateMessage("short", 512), "short");
}

TEST(ClientStatus, DatabaseTextNeverReachesTheClient) {
  for (auto code : {absl::StatusCode::kInternal, absl::StatusCode::kInvalidArgument,
                    absl::StatusCode::kAlreadyExists, absl::StatusCode::kUnavailable}) {
    absl::Status db(code,
                    "insert person: Data too long for column 'full_name' at row 1 "
                    "(mysql error 1406)");
    db.SetPayload("mysql_errno", absl::Cord("1406"));
    const absl::Status out = rpc::ForClient(db, "auxpro.personnel.v1.Personnel/CreatePerson");
    EXPECT_EQ(out.code(), code);
    EXPECT_THAT(out.message(), Not(HasSubstr("mysql")));
    EXPECT_THAT(out.message(), Not(HasSubstr("column")));
    EXPECT_THAT(out.message(), HasSubstr("(ref "));
  }
  const absl::Status internal = rpc::ForClient(
      absl::InternalError("unexpected error in transaction: SELECT secret FROM t"), "m");
  EXPECT_EQ(internal.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(internal.message(), Not(HasSubstr("SELECT")));
}

TEST(ClientStatus, LongMessagesAreCutAndOrdinaryOnesKept) {
  const absl::Status plain = absl::InvalidArgumentError("person.full_name: required");
  EXPECT_EQ(rpc::ForClient(plain, "m"), plain);
  const absl::Status echo =
      absl::InvalidArgumentError("unit: \"" + std::string(3 << 20, 'x') + "\" is not a unit");
  const absl::Status out = rpc::ForClient(echo, "m");
  EXPECT_EQ(out.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_LT(out.message().size(), 600u);
}

TEST(SqlError, ValuesTheDatabaseRefusesAreInvalidArgument) {
  // The safety net behind validation: a value the database refuses is the caller's input.
  sql::SQLException e("Data too long for column 'x' at row 1", "22001", 1406);
  EXPECT_EQ(db::FromSqlException(e, "insert").code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace auxpro
