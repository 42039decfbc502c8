#include <filesystem>
#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "libs/policy/testing/policy_test_util.h"

// policy_set.cc: parsing text format, loading directories, and the set itself.

namespace auxpro::policy {
namespace {

using auxpro::policy::v1::Policy;
using google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testutil::Preset;
using testutil::Presets;
using testutil::PresetText;

// A fresh, empty directory under the test's temp dir.
std::filesystem::path FreshDir(const std::string& name) {
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "policy_test" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void WriteFile(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  ASSERT_TRUE(out.good()) << path;
}

// ---------------------------------------------------------------------------------------------
// Parsing.

TEST(ParsePolicyTest, SyntaxErrorReportsLineAndColumn) {
  const std::string text =
      "jurisdiction: \"wenjiang\"\n"
      "display_name: \"x\"\n"
      "training { pre_job_min_days: fifteen }\n";
  absl::StatusOr<Policy> policy = ParsePolicy(text, "broken.textproto");
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(policy.status().message()), HasSubstr("broken.textproto:3:30: "));
}

TEST(ParsePolicyTest, UnknownFieldReportsLine) {
  std::string text = PresetText("wenjiang.textproto");
  text = absl::StrReplaceAll(text, {{"  min_responses: 30\n", "  min_response: 30\n"}});
  absl::StatusOr<Policy> policy = ParsePolicy(text, "wenjiang.textproto");
  ASSERT_FALSE(policy.ok());
  int line = 1;
  for (size_t i = 0; i < text.find("min_response: 30"); ++i) {
    line += text[i] == '\n';
  }
  EXPECT_THAT(std::string(policy.status().message()),
              HasSubstr("wenjiang.textproto:" + std::to_string(line) + ":"));
  EXPECT_THAT(std::string(policy.status().message()), HasSubstr("min_response"));
}

TEST(ParsePolicyTest, ValidationErrorNamesSourceAndPath) {
  std::string text = PresetText("haimen.textproto");
  const std::string edited =
      absl::StrReplaceAll(text, {{"cap_percent: 15\n", "cap_percent: 150\n"}});
  ASSERT_NE(edited, text);
  absl::StatusOr<Policy> policy = ParsePolicy(edited, "haimen.textproto");
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(policy.status().message(),
            "haimen.textproto: policy \"haimen\": annual_rating.cap_percent: must be between 1 "
            "and 100, got 150");
}

TEST(ParsePolicyTest, RepeatedSingularFieldIsAnError) {
  std::string text = PresetText("wenjiang.textproto");
  text += "jurisdiction: \"haimen\"\n";
  absl::StatusOr<Policy> policy = ParsePolicy(text, "twice.textproto");
  ASSERT_FALSE(policy.ok());
  EXPECT_THAT(std::string(policy.status().message()), HasSubstr("twice.textproto:"));
}

// ---------------------------------------------------------------------------------------------
// LoadDirectory.

TEST(LoadDirectoryTest, LoadsEveryPresetFromDisk) {
  std::filesystem::path dir = FreshDir("all");
  for (const auto& file : presets::Files()) {
    WriteFile(dir / file.name, file.content);
  }
  WriteFile(dir / "README.md", "not a policy");
  absl::StatusOr<PolicySet> set = PolicySet::LoadDirectory(dir.string());
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->Jurisdictions(), Presets().Jurisdictions());
  for (const std::string& jurisdiction : set->Jurisdictions()) {
    EXPECT_TRUE(MessageDifferencer::Equals(*set->Find(jurisdiction), Preset(jurisdiction)))
        << jurisdiction;
  }
}

TEST(LoadDirectoryTest, FileNameMustMatchJurisdiction) {
  std::filesystem::path dir = FreshDir("mismatch");
  WriteFile(dir / "wenjiang.textproto", PresetText("wenjiang.textproto"));
  WriteFile(dir / "chengdu.textproto", PresetText("haimen.textproto"));
  absl::StatusOr<PolicySet> set = PolicySet::LoadDirectory(dir.string());
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(set.status().message()), HasSubstr("chengdu.textproto"));
  EXPECT_THAT(std::string(set.status().message()), HasSubstr("\"haimen\""));
}

TEST(LoadDirectoryTest, BrokenFileIsNamedWithItsLine) {
  std::filesystem::path dir = FreshDir("broken");
  WriteFile(dir / "wenjiang.textproto", PresetText("wenjiang.textproto"));
  WriteFile(dir / "shanxi.textproto", "jurisdiction: \"shanxi\"\n\npermit {\n");
  absl::StatusOr<PolicySet> set = PolicySet::LoadDirectory(dir.string());
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(set.status().message()), HasSubstr("shanxi.textproto:4:"));
}

TEST(LoadDirectoryTest, InvalidPolicyInDirectoryNamesFileAndField) {
  std::filesystem::path dir = FreshDir("invalid");
  WriteFile(dir / "longquan.textproto",
            absl::StrReplaceAll(PresetText("longquan.textproto"),
                                {{"small_unit_top_count: 1\n", "small_unit_top_count: 0\n"}}));
  absl::StatusOr<PolicySet> set = PolicySet::LoadDirectory(dir.string());
  ASSERT_FALSE(set.ok());
  EXPECT_THAT(std::string(set.status().message()),
              HasSubstr("longquan.textproto: policy \"longquan\": "
                        "annual_rating.small_unit_top_count: must be greater than 0"));
}

TEST(LoadDirectoryTest, EmptyOrMissingDirectoryIsNotFound) {
  std::filesystem::path dir = FreshDir("empty");
  WriteFile(dir / "notes.txt", "x");
  EXPECT_EQ(PolicySet::LoadDirectory(dir.string()).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(PolicySet::LoadDirectory((dir / "nope").string()).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(PolicySetTest, AddRejectsDuplicatesAndInvalid) {
  PolicySet set;
  EXPECT_TRUE(set.Add(Preset("haimen")).ok());
  EXPECT_EQ(set.Add(Preset("haimen")).code(), absl::StatusCode::kAlreadyExists);
  Policy bad = Preset("shanxi");
  bad.mutable_permit()->set_badge_serial_digits(0);
  EXPECT_EQ(set.Add(bad).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(set.Jurisdictions(), ElementsAre("haimen"));
}

}  // namespace
}  // namespace auxpro::policy
