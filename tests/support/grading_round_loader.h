#pragma once

// A district for the grading round loaded straight into the service schemas by SQL (one
// INSERT ... SELECT over MariaDB's seq_1_to_N per table, seconds for 100,000 persons): persons
// in personnel, levels in grading, level points in points, an exam and a final annual rating in
// assessment, survey counters in survey. For the round's tests and its benchmark, where making
// thousands of persons through the API would take minutes; the values vary with the person's
// number so that every kind of round entry occurs:
//   n % 4: 0 no level (applies for 5), 1 level 5, 2 level 4, 3 level 3;
//   n % 3: level points 0: +15, 1: 0, 2: -18;
//   n % 10 == 9: EXITED (never in the round); otherwise ACTIVE;
//   n % 7 == 6: 20 survey responses (insufficient), otherwise 40 at 90 %.
// Everyone: 38 years old, 大专, 普通话 三级乙等, skilled, fit and of proper conduct, exam 72 this
// year, QUALIFIED last year.

#include <string>

#include "libs/db/connection_pool.h"

namespace auxpro::testing {

struct RoundSchemas {
  db::ConnectionPool* personnel;
  db::ConnectionPool* assessment;
  db::ConnectionPool* points;
  db::ConnectionPool* survey;
  db::ConnectionPool* grading;
};

// A schema left nullptr (a service not hosted) is not loaded.
// Loads persons `<id_prefix>000001` .. `<id_prefix>NNNNNN` of `jurisdiction` (root pools).
// Fails the test on an error.
void LoadRoundDistrict(const RoundSchemas& schemas, const std::string& jurisdiction, int count,
                       const std::string& id_prefix = "pr-");

// The id of person number n (1-based) as loaded.
std::string RoundPersonId(int n, const std::string& id_prefix = "pr-");

}  // namespace auxpro::testing
