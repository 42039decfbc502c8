#pragma once

// Reads the facts of a requirement check live from the personnel, assessment, points and survey
// services over the peer router, all four at once, each with a deadline. A service without a route
// or that does not answer leaves its read UNAVAILABLE (its rows say so); nothing is defaulted.

#include <functional>
#include <string>

#include "libs/service/service_context.h"
#include "services/grading/check_rules.h"

namespace auxpro::grading {

// The facts for `person_id` on `date`, with `current_level` as grading knows it. `meanwhile`, when
// given, runs on the calling thread while the four reads are under way (the caller's own reads).
CheckFacts ReadCheckFacts(const service::ServiceContext& ctx, const std::string& j,
                          const std::string& person_id, int current_level,
                          const common::v1::Date& date,
                          const std::function<void()>& meanwhile = nullptr);

// The person as personnel knows it (GetPerson): NOT_FOUND, UNAVAILABLE, or the record.
absl::StatusOr<personnel::v1::Person> ReadPerson(const service::ServiceContext& ctx,
                                                 const std::string& j,
                                                 const std::string& person_id);

// The person's points figures (GetPointBalance), UNAVAILABLE when points does not answer.
absl::StatusOr<points::v1::PointBalance> ReadBalance(const service::ServiceContext& ctx,
                                                     const std::string& j,
                                                     const std::string& person_id);

// FAILED_PRECONDITION PERSON_NOT_EMPLOYED unless the person is in PROBATION or ACTIVE.
absl::Status RequireEmployed(const personnel::v1::Person& person);

}  // namespace auxpro::grading
