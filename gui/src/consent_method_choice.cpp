#include "consent_method_choice.h"

#include "wording.h"

namespace nmdt::gui {

namespace {
constexpr ConsentMethod kOrder[] = {ConsentMethod::InPerson, ConsentMethod::InWriting,
                                    ConsentMethod::ByPhone, ConsentMethod::Representative};
}  // namespace

wxChoice* makeConsentMethodChoice(wxWindow* parent) {
    auto* choice = new wxChoice(parent, wxID_ANY);
    for (auto method : kOrder)
        choice->Append(describe(method));
    choice->SetSelection(0);
    return choice;
}

ConsentMethod consentMethodOf(const wxChoice* choice) {
    const int i = choice->GetSelection();
    return i < 0 || static_cast<std::size_t>(i) >= std::size(kOrder) ? ConsentMethod::InPerson
                                                                     : kOrder[i];
}

}  // namespace nmdt::gui
