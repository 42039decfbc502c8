#include "services/survey/survey_service.h"

namespace auxpro::survey {

SurveyService::SurveyService(const service::ServiceContext& ctx)
    : UnaryService(v1::Survey::service_full_name(), ctx.work),
      campaigns_(ctx),
      submissions_(ctx),
      results_(ctx),
      export_(ctx) {
  Bind("GetQuestionnaire", &campaigns_, &Campaigns::GetQuestionnaire);
  Bind("CreateCampaign", &campaigns_, &Campaigns::Create);
  Bind("UpdateCampaign", &campaigns_, &Campaigns::Update);
  Bind("GetCampaign", &campaigns_, &Campaigns::Get);
  Bind("ListCampaigns", &campaigns_, &Campaigns::List);
  Bind("OpenCampaign", &campaigns_, &Campaigns::Open);
  Bind("CloseCampaign", &campaigns_, &Campaigns::Close);
  Bind("GetSurveyLink", &campaigns_, &Campaigns::Link);
  Bind("GetCampaignQuestionnaire", &submissions_, &Submissions::Questionnaire);
  Bind("SubmitResponse", &submissions_, &Submissions::Submit);
  BindRead("GetSatisfactionRate", &results_, &Results::Rate);
  Bind("ListComments", &results_, &Results::Comments);
  Bind("ExportCampaign", &export_, &Export::Campaign);
  Bind("BatchGetSatisfactionRates", &results_, &Results::BatchRates);
}

}  // namespace auxpro::survey
