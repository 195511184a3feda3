#include "name_pools.h"

#include <array>

namespace nmdt::demo::pools {

namespace {
using namespace std::string_view_literals;

constexpr std::array englishGiven{
    "Margaret"sv, "John"sv,   "Susan"sv,  "Peter"sv, "Jean"sv, "David"sv, "Patricia"sv, "Robert"sv,
    "Ellie"sv,    "George"sv, "Doreen"sv, "Harry"sv, "Zoë"sv,  "Chloé"sv, "Renée"sv,    "Noël"sv};
constexpr std::array englishFamily{"Smith"sv,       "Jones"sv,      "Taylor"sv,   "Brown"sv,
                                   "Wilson"sv,      "Walker"sv,     "O'Brien"sv,  "Hughes"sv,
                                   "Clarke"sv,      "Wright"sv,     "Robinson"sv, "Thompson"sv,
                                   "Smith-Jones"sv, "McAllister"sv, "D'Arcy"sv};
constexpr std::array welshGiven{"Siân"sv, "Rhys"sv,     "Gwenllian"sv, "Dafydd"sv, "Ffion"sv,
                                "Iolo"sv, "Angharad"sv, "Llŷr"sv,      "Elin"sv,   "Gruffudd"sv};
constexpr std::array welshFamily{"Llewellyn"sv, "Pritchard"sv, "ap Gruffydd"sv, "Evans"sv,
                                 "Prosser"sv,   "Vaughan"sv,   "Bowen"sv,       "Powell"sv};
constexpr std::array polishGiven{"Łukasz"sv,    "Zofia"sv, "Małgorzata"sv, "Krzysztof"sv,
                                 "Agnieszka"sv, "Paweł"sv, "Józef"sv,      "Żaneta"sv};
constexpr std::array polishFamily{"Wójcik"sv,    "Kowalska"sv,  "Nowak"sv,     "Wiśniewski"sv,
                                  "Dąbrowska"sv, "Zieliński"sv, "Szymańska"sv, "Łęcki"sv};
constexpr std::array arabicGiven{"محمد"sv, "فاطمة"sv, "Yusuf"sv, "Amira"sv,
                                 "Omar"sv, "Layla"sv, "عائشة"sv, "Khalid"sv};
constexpr std::array arabicFamily{"العلي"sv,   "Haddad"sv, "Al-Sayed"sv,
                                  "Mansour"sv, "حسن"sv,    "Nasser"sv};
constexpr std::array chineseGiven{"芳"sv, "Wei"sv, "Mei"sv, "伟"sv, "Li Na"sv, "Jun"sv};
constexpr std::array chineseFamily{"王"sv, "Chen"sv, "Li"sv, "张"sv, "Wong"sv, "刘"sv};
constexpr std::array southAsianGiven{"Priya"sv, "Rajesh"sv,  "Anjali"sv, "Gurpreet"sv,
                                     "Imran"sv, "Shabnam"sv, "Harjit"sv, "Nasreen"sv};
constexpr std::array southAsianFamily{"Patel"sv, "Sharma"sv,    "Singh"sv, "Begum"sv,
                                      "Khan"sv,  "Choudhury"sv, "Kaur"sv};
constexpr std::array westAfricanGiven{"Adebayo"sv, "Chiamaka"sv, "Oluwaseun"sv,
                                      "Ngozi"sv,   "Kwame"sv,    "Abena"sv};
constexpr std::array westAfricanFamily{"Okafor"sv, "Adeyemi"sv, "Mensah"sv, "Okonkwo"sv,
                                       "Boateng"sv};
constexpr std::array somaliGiven{"Hodan"sv, "Abdi"sv, "Faadumo"sv, "Mahad"sv, "Ayaan"sv};
constexpr std::array somaliFamily{"Warsame"sv, "Abdullahi"sv, "Farah"sv, "Mohamud"sv};

constexpr std::array<NamePool, 9> kPools{{
    {englishGiven, englishFamily, "English", 50},
    {welshGiven, welshFamily, "Welsh", 8},
    {polishGiven, polishFamily, "Polish", 10},
    {arabicGiven, arabicFamily, "Arabic", 7},
    {chineseGiven, chineseFamily, "Cantonese", 5},
    {southAsianGiven, southAsianFamily, "Punjabi", 10},
    {westAfricanGiven, westAfricanFamily, "English", 5},
    {somaliGiven, somaliFamily, "Somali", 4},
    {englishGiven, polishFamily, "English", 1},
}};

constexpr std::array kStreets{"Mill Lane"sv,        "Station Road"sv, "Church Street"sv,
                              "Victoria Terrace"sv, "Heol y Felin"sv, "Canal Side"sv,
                              "Ashgrove Close"sv,   "Market Place"sv, "Riverside Court"sv,
                              "Queen's Walk"sv,     "Orchard Way"sv,  "Foundry Row"sv};

constexpr std::array kReasons{
    "Three falls in two months; lives alone and struggling with stairs"sv,
    "Carer (daughter) at breaking point; asking for respite"sv,
    "Rent arrears and eviction notice; low mood since bereavement"sv,
    "Frequent A&E attendance for COPD; not collecting prescriptions"sv,
    "Socially isolated after stroke; not left the house since discharge"sv,
    "Alcohol use increasing; neighbours worried about self-neglect"sv,
    "Memory problems; unpaid bills and missed appointments"sv,
    "Damp and mould in flat worsening asthma"sv,
    "Recently arrived, no GP history, needs interpreter for appointments"sv,
    "Domestic abuse disclosed at practice; safety planning needed"sv,
};

constexpr std::array kWhatMatters{
    "Staying in my own home with my cat"sv,      "Getting back to church on Sundays"sv,
    "Seeing my grandchildren more often"sv,      "Not being a burden on my daughter"sv,
    "Being able to walk to the shops again"sv,   "Keeping my allotment going"sv,
    "Sleeping through the night without pain"sv, "Having someone to talk to in Polish"sv,
    "Sorting out my money so I stop worrying"sv, "Feeling safe at home"sv,
};

constexpr std::array kCommunication{""sv,
                                    ""sv,
                                    ""sv,
                                    "Hard of hearing: face me and speak clearly"sv,
                                    "Interpreter needed"sv,
                                    "Large print letters"sv,
                                    "British Sign Language interpreter"sv,
                                    "Phone calls after 10am only"sv};

// Indexed in NeedDomain order.
constexpr std::array physicalNeeds{"Recurrent falls"sv, "Poorly controlled diabetes"sv,
                                   "COPD with breathlessness"sv};
constexpr std::array mentalNeeds{"Low mood and anxiety"sv, "Grief after losing partner"sv,
                                 "Memory concerns"sv};
constexpr std::array housingNeeds{"Damp and mould"sv, "Stairs unsafe"sv, "Rent arrears"sv};
constexpr std::array moneyNeeds{"Not claiming Attendance Allowance"sv, "Energy debt"sv,
                                "Council tax arrears"sv};
constexpr std::array employmentNeeds{"Lost job after illness"sv, "Wants volunteering"sv};
constexpr std::array isolationNeeds{"Rarely leaves the house"sv, "No family nearby"sv};
constexpr std::array carerNeeds{"Daughter exhausted as sole carer"sv,
                                "Caring for husband with dementia"sv};
constexpr std::array substanceNeeds{"Drinking most days"sv, "Misusing codeine"sv};
constexpr std::array safetyNeeds{"Financial abuse suspected"sv, "Domestic abuse disclosed"sv};

constexpr std::array physicalGoals{"I want to get upstairs to bed without falling"sv,
                                   "I want my sugars steady so I can drive"sv};
constexpr std::array mentalGoals{"I want to feel like myself again"sv,
                                 "I want to talk about Tom without crying"sv};
constexpr std::array housingGoals{"I want a dry bedroom for the winter"sv,
                                  "I want to stay in my flat"sv};
constexpr std::array moneyGoals{"I want to stop getting red letters"sv,
                                "I want to afford the heating"sv};
constexpr std::array employmentGoals{"I want something useful to do in the week"sv};
constexpr std::array isolationGoals{"I want to go to the lunch club on Thursdays"sv,
                                    "I want a phone call most days"sv};
constexpr std::array carerGoals{"I want a night off each week"sv};
constexpr std::array substanceGoals{"I want to cut down to weekends"sv};
constexpr std::array safetyGoals{"I want to feel safe in my own home"sv};

constexpr std::array physicalSupport{"Falls clinic; OT home assessment"sv,
                                     "Practice nurse diabetes review"sv};
constexpr std::array mentalSupport{"Talking therapies referral"sv, "Bereavement support group"sv};
constexpr std::array housingSupport{"Housing officer visit; landlord letter"sv,
                                    "Grab rails and stair lift assessment"sv};
constexpr std::array moneySupport{"Benefits check with Citizens Advice"sv,
                                  "Energy advice and debt relief"sv};
constexpr std::array employmentSupport{"Volunteer centre introduction"sv};
constexpr std::array isolationSupport{"Befriending service"sv,
                                      "Community transport to lunch club"sv};
constexpr std::array carerSupport{"Carers assessment; respite sitting service"sv};
constexpr std::array substanceSupport{"Drug and alcohol service referral"sv};
constexpr std::array safetySupport{"Safeguarding referral; IDVA"sv};

constexpr std::array<std::span<const std::string_view>, 9> kNeeds{
    physicalNeeds,  mentalNeeds, housingNeeds,   moneyNeeds, employmentNeeds,
    isolationNeeds, carerNeeds,  substanceNeeds, safetyNeeds};
constexpr std::array<std::span<const std::string_view>, 9> kGoals{
    physicalGoals,  mentalGoals, housingGoals,   moneyGoals, employmentGoals,
    isolationGoals, carerGoals,  substanceGoals, safetyGoals};
constexpr std::array<std::span<const std::string_view>, 9> kSupport{
    physicalSupport,  mentalSupport, housingSupport,   moneySupport, employmentSupport,
    isolationSupport, carerSupport,  substanceSupport, safetySupport};

constexpr std::array kActionTitles{"Arrange OT home assessment"sv,
                                   "Benefits check appointment"sv,
                                   "Refer to falls clinic"sv,
                                   "Contact landlord about damp"sv,
                                   "Book interpreter for next GP visit"sv,
                                   "Carers assessment"sv,
                                   "Medication review"sv,
                                   "Introduce to lunch club"sv,
                                   "Safeguarding referral"sv,
                                   "Chase housing repair"sv,
                                   "Referral to social prescribing service"sv,
                                   "Welfare phone call"sv,
                                   "Community transport booking"sv,
                                   "Energy debt advice"sv,
                                   "Memory clinic referral"sv};

constexpr std::array kNotes{"Left voicemail, will try again Thursday"sv,
                            "Spoke to resident; agreed next steps"sv,
                            "Referral sent, awaiting acknowledgement"sv,
                            "Visited at home with daughter present"sv,
                            "Appointment booked for next week"sv,
                            "Partner service has capacity from next month"sv,
                            "Resident declined today, happy to be asked again"sv};

constexpr std::array kDecisions{
    "Continue current plan; review in four weeks"sv, "Escalate to community matron"sv,
    "Refer to social prescribing; navigator to lead"sv, "Close case at next meeting if stable"sv,
    "Joint visit by navigator and district nurse"sv};
}  // namespace

std::span<const NamePool> namePools() {
    return kPools;
}
std::span<const std::string_view> streets() {
    return kStreets;
}
std::span<const std::string_view> referralReasons() {
    return kReasons;
}
std::span<const std::string_view> whatMatters() {
    return kWhatMatters;
}
std::span<const std::string_view> communicationNeeds() {
    return kCommunication;
}
std::span<const std::string_view> needsFor(int d) {
    return kNeeds[static_cast<std::size_t>(d)];
}
std::span<const std::string_view> goalsFor(int d) {
    return kGoals[static_cast<std::size_t>(d)];
}
std::span<const std::string_view> supportFor(int d) {
    return kSupport[static_cast<std::size_t>(d)];
}
std::span<const std::string_view> actionTitles() {
    return kActionTitles;
}
std::span<const std::string_view> progressNotes() {
    return kNotes;
}
std::span<const std::string_view> decisions() {
    return kDecisions;
}

}  // namespace nmdt::demo::pools
