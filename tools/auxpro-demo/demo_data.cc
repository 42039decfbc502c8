#include "tools/auxpro-demo/demo_data.h"

#include <cstdint>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "libs/common/calendar.h"
#include "libs/common/national_id.h"

namespace auxpro::demo {

namespace {

using common::v1::Date;

// FNV-1a, 64 bits, starting from `basis`.
uint64_t Fnv1a(const std::string& s, uint64_t basis) {
  uint64_t h = basis;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// splitmix64 finalizer: spreads the FNV bits.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

Date MakeDate(int y, int m, int d) {
  Date out;
  out.set_year(y);
  out.set_month(m);
  out.set_day(d);
  return out;
}

constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                     "徐", "孙", "马", "朱", "胡", "郭", "何", "罗", "高", "林"};
constexpr const char* kMaleGiven[] = {"伟",   "强",   "磊",   "军",   "勇",   "杰",   "涛",
                                      "斌",   "浩然", "子豪", "建国", "志强", "俊杰", "文博",
                                      "明轩", "宇航", "国栋", "海峰", "晓东", "振华"};
constexpr const char* kFemaleGiven[] = {"芳",   "娜",   "敏",   "静",   "丽",   "婷",   "雪",
                                        "慧",   "晓燕", "雨欣", "佳怡", "梦瑶", "思琪", "欣怡",
                                        "秀英", "桂兰", "玉梅", "丹丹", "春燕", "文静"};
constexpr const char* kWenjiangAreas[] = {"柳城街道", "公平街道", "天府街道",
                                          "涌泉街道", "永宁街道", "金马街道"};

}  // namespace

std::string DeterministicRequestId(const std::string& seed) {
  const uint64_t hi = Mix(Fnv1a(seed, 0xcbf29ce484222325ULL));
  uint64_t lo = Mix(Fnv1a(seed, 0x84222325cbf29ce4ULL) ^ hi);
  // Version 5 and RFC 4122 variant bits, so it reads as a name-based UUID.
  const uint64_t hi_v = (hi & 0xffffffffffff0fffULL) | 0x0000000000005000ULL;
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  return absl::StrFormat("%08x-%04x-%04x-%04x-%012x", hi_v >> 32, (hi_v >> 16) & 0xffff,
                         hi_v & 0xffff, lo >> 48, lo & 0xffffffffffffULL);
}

std::string MakeNationalId(const std::string& region, const Date& birth, int sequence) {
  const std::string first17 = absl::StrFormat("%s%04d%02d%02d%03d", region, birth.year(),
                                              birth.month(), birth.day(), sequence);
  return first17 + NationalIdCheckCharacter(first17);
}

std::string JurisdictionTitle(const std::string& jurisdiction) {
  if (jurisdiction == "wenjiang") return "成都市温江区";
  if (jurisdiction == "haimen") return "南通市海门区";
  return jurisdiction;
}

std::string DocumentPrefix(const std::string& jurisdiction) {
  if (jurisdiction == "wenjiang") return "温编发";
  if (jurisdiction == "haimen") return "海编发";
  return "编发";
}

personnel::v1::Person DemoPerson(const std::string& jurisdiction, int n) {
  namespace cv1 = common::v1;
  personnel::v1::Person p;
  // Two men for every woman; ages 23..44 in kDemoYear (so 22..44 on any day of that year).
  const bool male = n % 3 != 0;
  const int age = 23 + (n * 7) % 22;
  const int month = 1 + (n * 5) % 12;
  const int day = 1 + (n * 11) % 28;
  const Date birth = MakeDate(kDemoYear - age, month, day);
  const std::string region = jurisdiction == "haimen" ? "320684" : "510115";
  // Sequence: 3 digits, odd for men, even for women; distinct per person.
  const int sequence = 100 + 2 * n + (male ? 1 : 0);
  p.set_national_id(MakeNationalId(region, birth, sequence));

  if (male) {
    const int m = n - n / 3 - 1;  // 0-based ordinal among the men
    p.set_full_name(absl::StrCat(kSurnames[(m + (m / 20) * 7) % 20], kMaleGiven[m % 20]));
  } else {
    const int f = n / 3;  // 0-based ordinal among the women
    p.set_full_name(absl::StrCat(kSurnames[(f * 3 + 5) % 20], kFemaleGiven[f % 20]));
  }

  // Older candidates are veterans (haimen relaxes its 40-year limit for them), plus a few more.
  const bool veteran = age >= 39 || n % 9 == 4;
  p.set_veteran(veteran);
  // The medical step's finding and the languages, which every preset's recruitment reads.
  p.add_attestations(cv1::FIT_FOR_POST);
  p.add_attestations(cv1::SPEAKS_MANDARIN);
  p.add_attestations(cv1::UNDERSTANDS_LOCAL_DIALECT);
  static constexpr cv1::Education kEducation[] = {
      cv1::HIGH_SCHOOL, cv1::VOCATIONAL_SECONDARY, cv1::JUNIOR_COLLEGE, cv1::HIGH_SCHOOL,
      cv1::BACHELOR,    cv1::JUNIOR_COLLEGE,       cv1::JUNIOR_COLLEGE, cv1::VOCATIONAL_SECONDARY,
      cv1::BACHELOR,    cv1::POSTGRADUATE};
  p.set_education(kEducation[(n * 3) % 10]);
  static constexpr cv1::MandarinLevel kMandarin[] = {
      cv1::LEVEL_2B, cv1::LEVEL_2A, cv1::MANDARIN_NONE, cv1::LEVEL_3A,
      cv1::LEVEL_2B, cv1::LEVEL_1B, cv1::LEVEL_3B};
  p.set_mandarin_level(kMandarin[n % 7]);
  p.set_basic_english(p.education() >= cv1::JUNIOR_COLLEGE && n % 2 == 0);
  p.set_party_member(n % 5 == 2 || (veteran && n % 2 == 1));
  if (male && n % 2 == 1) p.add_driving_licence_classes("C1");
  if (veteran && male) p.add_driving_licence_classes("B2");
  if (!male && n % 4 == 0) p.add_driving_licence_classes("C2");
  p.set_smart_device_skill(age < 38 || n % 3 == 1);
  p.set_post_type(n % 3 == 2 ? personnel::v1::OFFICE : personnel::v1::FIELD);
  p.set_photo_ref(absl::StrFormat("demo/%s/photos/%03d.jpg", jurisdiction, n + 1));
  if (jurisdiction == "wenjiang") {
    p.set_duty_area(kWenjiangAreas[n % 6]);
  } else {
    p.set_duty_area(absl::StrCat("第", n % 6 + 1, "责任区"));
  }
  // The server takes gender and birth date from the national ID; sending them too must agree.
  p.set_gender(male ? cv1::MALE : cv1::FEMALE);
  *p.mutable_birth_date() = birth;
  return p;
}

Date AddDays(const Date& d, int days) { return ToProto(auxpro::AddDays(FromProto(d), days)); }

Date TodayInChina() { return DateOf(absl::Now()); }

std::string FormatDate(const Date& d) { return DateToSql(d); }

}  // namespace auxpro::demo
