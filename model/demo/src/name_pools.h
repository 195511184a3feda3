#pragma once
// Word lists the demo generator draws from: diverse names, streets, needs, goals.

#include <span>
#include <string_view>

namespace nmdt::demo::pools {

/// A given and family name that belong together (same naming tradition).
struct NamePool {
    std::span<const std::string_view> given;
    std::span<const std::string_view> family;
    std::string_view language;
    int weight;  // relative share of residents
};

std::span<const NamePool> namePools();
std::span<const std::string_view> streets();
std::span<const std::string_view> referralReasons();
std::span<const std::string_view> whatMatters();
std::span<const std::string_view> communicationNeeds();
/// Need descriptions, goals (in the person's words) and support, indexed by need domain.
std::span<const std::string_view> needsFor(int domain);
std::span<const std::string_view> goalsFor(int domain);
std::span<const std::string_view> supportFor(int domain);
std::span<const std::string_view> actionTitles();
std::span<const std::string_view> progressNotes();
std::span<const std::string_view> decisions();

}  // namespace nmdt::demo::pools
