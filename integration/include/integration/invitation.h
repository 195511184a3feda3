#pragma once
// Enrolment: a chair starts a team, invites partner desktops with a file and a one-time code
// handed over separately, and rotates the team key when a partner leaves.

#include <string>

#include "integration/sync_credentials.h"

namespace nmdt::integration {

/// A new team with a fresh random key, for the chair's desktop.
SyncCredentials createTeam(const std::string& hubUrl, const std::string& team);

/// What a chair hands over: the file (by e-mail or USB stick) and the code (by phone).
struct Invitation {
    std::string fileText;
    std::string code;  // "K7QX-3MPA-…": 80 random bits
};

/// Seals the hub address, team and keys under a key derived from a fresh code.
Invitation createInvitation(const SyncCredentials& chair);
/// Opens an invitation. Throws SyncError(WrongKey) for a wrong code, (Malformed) for a
/// damaged file. The result has no certificate paths: the desktop adds its own.
SyncCredentials acceptInvitation(const std::string& fileText, const std::string& code);

/// Makes a new key current; older keys stay so earlier envelopes can still be read.
void rotateTeamKey(SyncCredentials& credentials);

}  // namespace nmdt::integration
