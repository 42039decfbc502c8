-- The survey service (DOMAIN.md section 6). Questionnaires are versioned reference data shared by
-- all jurisdictions; everything else is per jurisdiction. No table holds a respondent key, an IP
-- address, a device id or a time of day: responses carry a keyed hash and a date.
CREATE TABLE questionnaires (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  post_type TINYINT NOT NULL,
  version INT NOT NULL,
  source VARCHAR(255) NOT NULL,
  title VARCHAR(255) NOT NULL,
  introduction TEXT NOT NULL,
  thanks VARCHAR(255) NOT NULL,
  -- the five answer labels joined by '|'
  scale VARCHAR(255) NOT NULL,
  UNIQUE KEY questionnaires_version (post_type, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE questionnaire_questions (
  questionnaire_id VARCHAR(64) NOT NULL,
  number INT NOT NULL,
  text TEXT NOT NULL,
  rated TINYINT NOT NULL,
  PRIMARY KEY (questionnaire_id, number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE campaigns (
  jurisdiction VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  display_name VARCHAR(255) NOT NULL,
  period_start DATE NOT NULL,
  period_end DATE NOT NULL,
  field_questionnaire_id VARCHAR(64) NOT NULL,
  office_questionnaire_id VARCHAR(64) NOT NULL,
  assessment_session VARCHAR(255) NOT NULL DEFAULT '',
  state TINYINT NOT NULL,
  creator_kind TINYINT NOT NULL,
  creator_agency VARCHAR(128) NOT NULL,
  -- the campaign's secret (links, respondent hashes), sealed with the field key
  secret_sealed VARCHAR(255) NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  PRIMARY KEY (jurisdiction, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE campaign_auxiliaries (
  jurisdiction VARCHAR(64) NOT NULL,
  campaign_id VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  PRIMARY KEY (jurisdiction, campaign_id, person_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per response; (campaign, person, respondent_hash) is unique: one response per
-- respondent per auxiliary per campaign.
CREATE TABLE responses (
  jurisdiction VARCHAR(64) NOT NULL,
  campaign_id VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  badge_number VARCHAR(32) NOT NULL,
  questionnaire_id VARCHAR(64) NOT NULL,
  respondent_hash CHAR(64) CHARACTER SET ascii NOT NULL,
  submit_date DATE NOT NULL,
  -- answers 1-5 to the rated questions, comma-separated in question order
  answers VARCHAR(255) CHARACTER SET ascii NOT NULL,
  comment TEXT NOT NULL,
  PRIMARY KEY (jurisdiction, campaign_id, id),
  UNIQUE KEY responses_respondent (jurisdiction, campaign_id, person_id, respondent_hash),
  KEY responses_person (jurisdiction, campaign_id, person_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Counters kept in each submission's transaction, so a rate costs the same for any number of
-- responses: per day, question (0 = the response itself) and answer (0 for question 0).
CREATE TABLE daily_counts (
  jurisdiction VARCHAR(64) NOT NULL,
  person_id VARCHAR(64) NOT NULL,
  campaign_id VARCHAR(64) NOT NULL,
  day DATE NOT NULL,
  question TINYINT NOT NULL,
  answer TINYINT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (jurisdiction, person_id, campaign_id, day, question, answer)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- B.1　外勤人员满意度调查问卷, wording exactly as printed (B.1's 「该该」 in question 11 included).
INSERT INTO questionnaires (id, post_type, version, source, title, introduction, thanks, scale) VALUES ('b1-field-v1', 1, 1, 'T/SCPP wenjiang 附录B B.1', '综合执法辅助岗位人员满意度调查问卷（外勤人员）', '您好！非常感谢您在百忙之中填写这份调查问卷，这份问卷是为了解公众对我区城市管理综合执法辅助人员的看法和满意程度而作，仅供内部考核所用，完全匿名，对外保密。本卷各选项没有对错好坏之分，且结果不做个别分析，请放心填写！请您在符合您条件的选项上打勾即可。', '感谢您的合作与支持！', '不满意|一般|较满意|满意|非常满意');
INSERT INTO questionnaire_questions (questionnaire_id, number, text, rated) VALUES
  ('b1-field-v1', 1, '1、您对该执法辅助人员的整体工作如何评价？', 1),
  ('b1-field-v1', 2, '2、您对该执法辅助人员的外貌形态（着装统一整洁，佩戴工作证）如何评价？', 1),
  ('b1-field-v1', 3, '3、您对该执法辅助人员工作态度（文明用语、情绪稳定）如何评价？', 1),
  ('b1-field-v1', 4, '4、您对该执法辅助人员的（积极宣传相关条规、工作流程、耐心解释政策等）如何评价？', 1),
  ('b1-field-v1', 5, '5、您对该执法辅助人员的柔性执法（坚持疏堵结合、服务为先、处罚为辅）落实情况如何评价？', 1),
  ('b1-field-v1', 6, '6、您对该执法辅助人员的服务意识（与群众/商家积极互动、友好良性沟通、主动服务）如何评价？', 1),
  ('b1-field-v1', 7, '7、您对该执法辅助人员采取的工作方式（工作是否简单粗暴、故意损坏财务或暴力伤人，如有请详细说明）如何评价？', 1),
  ('b1-field-v1', 8, '8、您对该执法辅助人员工作效率（是否消极怠工，不作为、乱作为等现象）如何评价？', 1),
  ('b1-field-v1', 9, '9、您对该执法辅助人员的工作公正性（是否有偏袒、包庇现象）如何评价？', 1),
  ('b1-field-v1', 10, '10、您对该执法辅助人员在遵纪守法、廉洁自律方面（有无吃拿卡要、收受礼金的现象，如有，请详细说明）如何评价？', 1),
  ('b1-field-v1', 11, '11、您对该该执法辅助人员或城市管理工作有什么意见和建议？', 0);

-- B.2　内勤人员满意度调查问卷, wording exactly as printed.
INSERT INTO questionnaires (id, post_type, version, source, title, introduction, thanks, scale) VALUES ('b2-office-v1', 2, 1, 'T/SCPP wenjiang 附录B B.2', '综合执法辅助岗位人员满意度调查问卷（内勤人员）', '您好！非常感谢您在百忙之中填写这份调查问卷，这份问卷是为了解公众对我区城市管理工作人员的看法和满意程度而作，仅供内部考核所用，完全匿名，对外保密。本卷各选项没有对错好坏之分，且结果不做个别分析，请放心填写！请您在符合您条件的选项上打勾即可。', '感谢您的合作与支持！', '不满意|一般|较满意|满意|非常满意');
INSERT INTO questionnaire_questions (questionnaire_id, number, text, rated) VALUES
  ('b2-office-v1', 1, '1、您对该工作人员的整体工作如何评价？', 1),
  ('b2-office-v1', 2, '2、您对该工作人员的外貌形态（着装整洁，仪容仪表大方得体）如何评价？', 1),
  ('b2-office-v1', 3, '3、您对该工作人员工作主动性（工作积极、责任心强）如何评价？', 1),
  ('b2-office-v1', 4, '4、您对该工作人员的工作态度（遵守各项规章制度，出勤情况良好）如何评价？', 1),
  ('b2-office-v1', 5, '5、您对该工作人员的专业工作能力（熟悉各项工作流程、具备一定的专业知识）落实情况如何评价？', 1),
  ('b2-office-v1', 6, '6、您对该工作人员的服务意识（热情接待来访群众，耐心解答群众诉求、一次性告知所需资料）如何评价？', 1),
  ('b2-office-v1', 7, '7、您对该工作人员工作效率（按时、按要求完成上传下达任务，不漏发、不乱报）如何评价？', 1),
  ('b2-office-v1', 8, '8、您对该工作人员沟通能力（良好与上下级沟通，工作敏捷、效率高）如何评价？', 1),
  ('b2-office-v1', 9, '9、您对该工作人员的团队意识（品德过硬、团结同事、有较强的荣誉感）如何评价？', 1),
  ('b2-office-v1', 10, '10、您对该工作人员在遵纪守法、廉洁自律方面（如有，请详细说明）如何评价？', 1),
  ('b2-office-v1', 11, '11、您对该工作人员或城市管理工作有什么意见和建议？', 0);
