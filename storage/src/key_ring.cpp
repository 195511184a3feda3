// Key slots: signing in to a store as oneself, creating a store with its first
// administrator, moving a store made before slots onto them, recovery, and the slot
// changes administrators make (the SqlCipherStore and provider members about slots).
#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crypto/openssl_crypto.h"
#include "model/change_set.h"
#include "model/directory_service.h"
#include "model/store_error.h"
#include "model/utf8_path.h"
#include "platform/file_access.h"
#include "storage/sqlcipher_store.h"
#include "store_impl.h"
#include "write_transaction.h"

namespace nmdt::storage {

namespace {

namespace fs = std::filesystem;
constexpr const char* kGenerationMeta = "key_slots_generation";
constexpr const char* kPassphraseSlot = "passphrase";
constexpr const char* kRecoverySlot = "recovery";

const Crypto& crypto() {
    return crypto::openSsl();
}

bool fileExists(const std::string& path) {
    std::error_code ec;
    return fs::exists(pathFromUtf8(path), ec);
}

std::string readWhole(const std::string& path) {
    std::ifstream in(pathFromUtf8(path), std::ios::binary);
    if (!in)
        throw StoreError(StoreErrorCode::Io, path + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeSlots(const std::string& path, const KeySlotFile& file, const SecretBytes& key) {
    auto problem = platform::replaceFileDurably(path, serialiseKeySlots(file, key, crypto()));
    if (!problem.empty())
        throw StoreError(StoreErrorCode::Io, problem);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/// The slot file a store is to be opened with: `.keys`, or one a migration wrote and did
/// not get to rename (`.keys.migrating`). Nullopt if there is neither.
std::optional<std::string> slotFileFor(const std::string& location) {
    if (fileExists(keySlotPath(location)))
        return keySlotPath(location);
    if (fileExists(keySlotPath(location) + ".migrating"))
        return keySlotPath(location) + ".migrating";
    return std::nullopt;
}

/// Spends as long as a real attempt, so a name that has no slot cannot be told from a
/// wrong passphrase by timing.
void decoyDerivation(const Credentials& c, const KdfParams& kdf) {
    (void)crypto().deriveKey(c.passphrase.reveal(), "no such slot", kdf, Crypto::kKeyBytes);
}

/// The directory entry an administrator typed: name, username or id. With `anyone`, a
/// person of any role.
std::optional<Professional> administratorNamed(const Store& store, const std::string& user,
                                               bool anyone = false) {
    const std::string wanted = lower(user);
    std::optional<Professional> found;
    for (const auto& p : store.professionals()) {
        if (p.role != Role::Administrator && !anyone)
            continue;
        std::string dotted = lower(p.name);
        std::replace(dotted.begin(), dotted.end(), ' ', '.');
        if (lower(p.name) == wanted || dotted == wanted || lower(p.username) == wanted ||
            p.id.str() == user) {
            if (found)
                return std::nullopt;  // two administrators share the name
            found = p;
        }
    }
    return found;
}

std::string usernameFor(const Professional& p) {
    return p.username.empty() ? suggestUsername(p.name) : p.username;
}

}  // namespace

// --- Opening through a slot -------------------------------------------------------------

namespace {
/// Attaches verified slots to a store opened with their key: they must name this store,
/// carry a MAC made with its key, and be no older than the copy the store last saved.
void attachKeyRing(SqlCipherStore& store, StoreImpl& impl, const ParsedKeySlots& parsed,
                   const SecretBytes& key, const std::string& slotId) {
    if (parsed.file.storeId != store.siteId())
        throw StoreError(StoreErrorCode::KeySlotsTampered, "the key file belongs to another store");
    if (!keySlotsAuthentic(parsed, key, crypto()))
        throw StoreError(StoreErrorCode::KeySlotsTampered, "the key file has been altered");
    std::string saved = metaValue(*impl.db, kGenerationMeta);
    std::int64_t known = saved.empty() ? 0 : std::stoll(saved);
    if (parsed.file.generation < known)
        throw StoreError(StoreErrorCode::KeySlotsTampered,
                         "the key file is an older copy than the store last saved");
    if (parsed.file.generation > known) {
        // Written, then the program stopped before the store recorded it.
        WriteTransaction tx(*impl.db);
        setMeta(impl, kGenerationMeta, std::to_string(parsed.file.generation));
        tx.commit();
    }
    impl.keyRing = KeyRingState{key, parsed.file, slotId, KdfParams::standard()};
    impl.key = StoreKey::raw(key);
}
}  // namespace

SignedIn SqlCipherStoreProvider::signIn(const std::string& location,
                                        const Credentials& credentials) {
    if (!fileExists(location))
        throw StoreError(StoreErrorCode::FileMissing, location);
    auto slotPath = slotFileFor(location);
    if (!slotPath)
        return migrate(location, credentials);
    ParsedKeySlots parsed = parseKeySlots(readWhole(*slotPath));
    const KeySlot* slot = findKeySlot(parsed.file, credentials.user);
    if (!slot) {
        decoyDerivation(credentials, kdf_);
        throw StoreError(StoreErrorCode::WrongPassphrase, "no such user or wrong passphrase");
    }
    auto key = openKeySlot(*slot, parsed.file.storeId, credentials.passphrase.reveal(), crypto());
    if (!key)
        throw StoreError(StoreErrorCode::WrongPassphrase, "no such user or wrong passphrase");
    std::unique_ptr<SqlCipherStore> store;
    try {
        store = SqlCipherStore::openWithKey(location, StoreKey::raw(*key), clock_);
    } catch (const StoreError& e) {
        // A migration that wrote its slots and stopped before re-keying the store.
        if (e.code() == StoreErrorCode::WrongPassphrase && *slotPath != keySlotPath(location))
            return migrate(location, credentials);
        if (e.code() == StoreErrorCode::WrongPassphrase)
            throw StoreError(StoreErrorCode::KeySlotsTampered,
                             "the key file does not open this store");
        throw;
    }
    attachKeyRing(*store, *store->impl_, parsed, *key, slot->id);
    if (*slotPath != keySlotPath(location))
        fs::rename(pathFromUtf8(*slotPath), pathFromUtf8(keySlotPath(location)));
    store->impl_->keyRing->kdfForNewSlots = kdf_;
    ProfessionalId person(slot->personId);
    auto who = store->professional(person);
    if (!who)
        throw StoreError(StoreErrorCode::KeySlotsTampered, "a key slot names no one in the store");
    if (!who->active)
        throw StoreError(StoreErrorCode::AccountDeactivated, who->name);
    return SignedIn{std::move(store), person, std::nullopt};
}

SignedIn SqlCipherStoreProvider::migrate(const std::string& location,
                                         const Credentials& credentials) {
    // A store made before key slots: its one passphrase opens it, through SQLCipher's own
    // key derivation, and anyone in its directory could pick any name. It moves to a random
    // key once, on the first sign-in by someone in its directory, and every active person
    // gets a slot under that same passphrase: exactly the access each had, now under their
    // own name. Each then changes it (or an administrator resets it).
    auto store = SqlCipherStore::open(location, credentials.passphrase, clock_);
    auto admin = administratorNamed(*store, credentials.user, true);
    if (!admin || !admin->active) {
        // No one by that name: the store cannot say who it would be, so it stays as it is.
        throw StoreError(StoreErrorCode::WrongPassphrase,
                         "only someone named in the store can open it the first time");
    }
    StoreImpl& impl = *store->impl_;
    SecretBytes key(crypto().randomBytes(Crypto::kKeyBytes));
    std::string recoverySecret = crypto().randomBytes(30);
    KeySlotFile file;
    file.storeId = store->siteId();
    file.generation = 1;
    std::string firstSlot;
    for (const auto& p : store->professionals()) {
        if (!p.active)
            continue;
        file.slots.push_back(makeKeySlot(
            kPassphraseSlot, p.id.str(), p.username.empty() ? usernameFor(p) : p.username, p.name,
            credentials.passphrase.reveal(), key, file.storeId, kdf_, crypto()));
        if (p.id.str() == admin->id.str())
            firstSlot = file.slots.back().id;
    }
    file.slots.push_back(
        makeKeySlot(kRecoverySlot, "", "", "", recoverySecret, key, file.storeId, kdf_, crypto()));
    const std::string migrating = keySlotPath(location) + ".migrating";
    writeSlots(migrating, file, key);
    Actor actor{admin->id, admin->name, admin->role, admin->organisationId};
    store->rekeyRecording(StoreKey::raw(key),
                          {AuditEventKind::SignInGranted, "professional:" + admin->id.str(),
                           "key slots made from the store's passphrase for " +
                               std::to_string(file.slots.size() - 1) + " people"},
                          actor, [&] { setMeta(impl, kGenerationMeta, "1"); });
    fs::rename(pathFromUtf8(migrating), pathFromUtf8(keySlotPath(location)));
    impl.keyRing = KeyRingState{key, file, firstSlot, kdf_};
    impl.key = StoreKey::raw(key);
    return SignedIn{std::move(store), admin->id, formatRecoveryKey(recoverySecret)};
}

SignedIn SqlCipherStoreProvider::create(const std::string& location,
                                        const Credentials& administrator,
                                        const std::function<ProfessionalId(OpenStore&)>& setUp) {
    return create(location, administrator, setUp, {});
}

SignedIn SqlCipherStoreProvider::create(const std::string& location,
                                        const Credentials& administrator,
                                        const std::function<ProfessionalId(OpenStore&)>& setUp,
                                        const PassphraseFor& othersPassphrase) {
    SecretBytes key(crypto().randomBytes(Crypto::kKeyBytes));
    std::string recoverySecret = crypto().randomBytes(30);
    KeySlotFile file;
    ProfessionalId admin;
    std::string slotId;
    // The slots are written while the store is still being made under its own name, so the
    // store never appears without them.
    auto store = SqlCipherStore::createWithKey(
        location, StoreKey::raw(key),
        [&](SqlCipherStore& made) {
            admin = setUp(made);
            auto person = made.professional(admin);
            if (!person)
                throw StoreError(StoreErrorCode::InvalidChange, "set-up named no administrator");
            file.storeId = made.siteId();
            file.generation = 1;
            file.slots.push_back(makeKeySlot(kPassphraseSlot, admin.str(), administrator.user,
                                             person->name, administrator.passphrase.reveal(), key,
                                             file.storeId, kdf_, crypto()));
            for (const auto& p :
                 othersPassphrase ? made.professionals() : std::vector<Professional>{}) {
                if (p.id.str() == admin.str() || !p.active)
                    continue;
                if (auto theirs = othersPassphrase(p))
                    file.slots.push_back(makeKeySlot(kPassphraseSlot, p.id.str(), usernameFor(p),
                                                     p.name, theirs->reveal(), key, file.storeId,
                                                     kdf_, crypto()));
            }
            file.slots.push_back(makeKeySlot(kRecoverySlot, "", "", "", recoverySecret, key,
                                             file.storeId, kdf_, crypto()));
            slotId = file.slots.front().id;
            WriteTransaction tx(*made.impl_->db);
            setMeta(*made.impl_, kGenerationMeta, "1");
            tx.commit();
            writeSlots(keySlotPath(location), file, key);
        },
        clock_);
    store->impl_->keyRing = KeyRingState{key, file, slotId, kdf_};
    store->impl_->key = StoreKey::raw(key);
    return SignedIn{std::move(store), admin, formatRecoveryKey(recoverySecret)};
}

SignedIn SqlCipherStoreProvider::recover(const std::string& location,
                                         const std::string& recoveryKey,
                                         const Credentials& administrator) {
    if (!fileExists(location))
        throw StoreError(StoreErrorCode::FileMissing, location);
    auto slotPath = slotFileFor(location);
    if (!slotPath)
        throw StoreError(StoreErrorCode::KeySlotsMissing, keySlotPath(location));
    ParsedKeySlots parsed = parseKeySlots(readWhole(*slotPath));
    auto secret = parseRecoveryKey(recoveryKey);
    std::optional<SecretBytes> key;
    for (const auto& slot : parsed.file.slots)
        if (secret && slot.kind == kRecoverySlot && !key)
            key = openKeySlot(slot, parsed.file.storeId, *secret, crypto());
    if (!key)
        throw StoreError(StoreErrorCode::WrongPassphrase, "not this store's recovery key");
    auto store = SqlCipherStore::openWithKey(location, StoreKey::raw(*key), clock_);
    attachKeyRing(*store, *store->impl_, parsed, *key, "");
    store->impl_->keyRing->kdfForNewSlots = kdf_;
    auto admin = administratorNamed(*store, administrator.user);
    if (!admin)
        for (const auto& p : store->professionals())
            if (p.role == Role::Administrator && lower(p.username) == lower(administrator.user))
                admin = p;
    if (!admin)
        throw StoreError(StoreErrorCode::WrongPassphrase,
                         "the recovery key is right but names no administrator");
    if (!admin->active)
        throw StoreError(StoreErrorCode::AccountDeactivated, admin->name);
    Actor actor{admin->id, admin->name, admin->role, admin->organisationId};
    store->commit(ChangeSet::auditOnly(
                      {AuditEventKind::RecoveryKeyUsed, "professional:" + admin->id.str(), ""}),
                  actor);
    store->grantSignIn(*admin, admin->username.empty() ? usernameFor(*admin) : admin->username,
                       administrator.passphrase, actor);
    store->impl_->keyRing->signedInSlot = store->impl_->keyRing->file.slots.back().id;
    auto fresh = store->replaceRecoveryKey(actor);
    return SignedIn{std::move(store), admin->id, fresh};
}

BackupSummary SqlCipherStoreProvider::restoreBackup(const std::string& backupPath,
                                                    const Passphrase& backupPassphrase,
                                                    const std::string& location,
                                                    const Credentials& restorer) {
    auto slotPath = slotFileFor(location);
    if (!slotPath)  // a store made before key slots, keyed by the restorer's passphrase
        return SqlCipherStore::restoreBackup(backupPath, backupPassphrase, location,
                                             restorer.passphrase);
    ParsedKeySlots parsed = parseKeySlots(readWhole(*slotPath));
    const KeySlot* slot = findKeySlot(parsed.file, restorer.user);
    auto key = slot
                   ? openKeySlot(*slot, parsed.file.storeId, restorer.passphrase.reveal(), crypto())
                   : std::nullopt;
    if (!key)
        throw StoreError(StoreErrorCode::WrongPassphrase, "restorer");
    // The restored store takes the current key, so everyone's slot still opens it.
    auto summary =
        SqlCipherStore::restoreBackup(backupPath, backupPassphrase, location, StoreKey::raw(*key));
    auto restored = SqlCipherStore::openWithKey(location, StoreKey::raw(*key), clock_);
    std::string saved = metaValue(*restored->impl_->db, kGenerationMeta);
    KeySlotFile file = parsed.file;
    file.storeId = restored->siteId();  // a backup of another desktop's store keeps its site
    file.generation =
        std::max<std::int64_t>(file.generation, saved.empty() ? 0 : std::stoll(saved)) + 1;
    writeSlots(keySlotPath(location), file, *key);
    WriteTransaction tx(*restored->impl_->db);
    setMeta(*restored->impl_, kGenerationMeta, std::to_string(file.generation));
    tx.commit();
    return summary;
}

std::unique_ptr<OpenStore> SqlCipherStoreProvider::openWithoutKeySlots(
    const std::string& location, const Passphrase& passphrase) {
    if (slotFileFor(location))
        throw StoreError(StoreErrorCode::WrongPassphrase, "this store has key slots: sign in");
    return SqlCipherStore::open(location, passphrase, clock_);
}

bool SqlCipherStore::hasKeySlots(const std::string& path) {
    return slotFileFor(path).has_value();
}

// --- The open store's slots -------------------------------------------------------------

std::optional<ProfessionalId> SqlCipherStore::signedInPerson() const {
    if (!impl_->keyRing)
        return std::nullopt;
    for (const auto& s : impl_->keyRing->file.slots)
        if (s.id == impl_->keyRing->signedInSlot)
            return ProfessionalId(s.personId);
    return std::nullopt;
}

std::vector<KeySlotSummary> SqlCipherStore::keySlots() const {
    std::vector<KeySlotSummary> out;
    if (!impl_->keyRing)
        return out;
    for (const auto& s : impl_->keyRing->file.slots)
        out.push_back({s.kind == kRecoverySlot, ProfessionalId(s.personId), s.username, s.name});
    return out;
}

void SqlCipherStore::saveKeySlots(KeySlotFile file, const AuditEvent& event, const Actor& actor) {
    if (!impl_->keyRing)
        throw StoreError(StoreErrorCode::KeySlotsMissing, "this store has no key slots yet");
    file.generation = impl_->keyRing->file.generation + 1;
    const std::string path = keySlotPath(impl_->path);
    // The file first, then the store's record of it with the audit entry, in one
    // transaction: a stop between them leaves a newer file, which the next open accepts.
    commitWith(ChangeSet::auditOnly(event), actor, [&] {
        setMeta(*impl_, kGenerationMeta, std::to_string(file.generation));
        writeSlots(path, file, impl_->keyRing->storeKey);
    });
    impl_->keyRing->file = std::move(file);
}

void SqlCipherStore::grantSignIn(const Professional& person, const std::string& username,
                                 const Passphrase& passphrase, const Actor& actor) {
    if (!impl_->keyRing)
        throw StoreError(StoreErrorCode::KeySlotsMissing, "this store has no key slots yet");
    const auto& ring = *impl_->keyRing;
    KeySlotFile file = ring.file;
    for (const auto& s : file.slots)
        if (s.kind == kPassphraseSlot && s.personId != person.id.str() &&
            lower(s.username) == lower(username))
            throw StoreError(StoreErrorCode::ConstraintViolated, "username already in use");
    bool reset = false;
    std::string keepId;
    for (auto it = file.slots.begin(); it != file.slots.end();) {
        if (it->personId == person.id.str()) {
            reset = true;
            keepId = it->id;
            it = file.slots.erase(it);
        } else {
            ++it;
        }
    }
    KeySlot slot =
        makeKeySlot(kPassphraseSlot, person.id.str(), username, person.name, passphrase.reveal(),
                    ring.storeKey, file.storeId, ring.kdfForNewSlots, crypto());
    const std::string newId = slot.id;
    file.slots.push_back(std::move(slot));
    saveKeySlots(std::move(file),
                 {AuditEventKind::SignInGranted, "professional:" + person.id.str(),
                  reset ? "passphrase reset" : "sign-in granted"},
                 actor);
    if (!keepId.empty() && impl_->keyRing->signedInSlot == keepId)
        impl_->keyRing->signedInSlot = newId;
}

void SqlCipherStore::revokeSignIn(const ProfessionalId& person, const Actor& actor) {
    if (!impl_->keyRing)
        throw StoreError(StoreErrorCode::KeySlotsMissing, "this store has no key slots yet");
    KeySlotFile file = impl_->keyRing->file;
    auto before = file.slots.size();
    std::erase_if(file.slots, [&](const KeySlot& s) { return s.personId == person.str(); });
    if (file.slots.size() == before)
        return;
    saveKeySlots(std::move(file),
                 {AuditEventKind::SignInRevoked, "professional:" + person.str(), ""}, actor);
}

std::string SqlCipherStore::replaceRecoveryKey(const Actor& actor) {
    if (!impl_->keyRing)
        throw StoreError(StoreErrorCode::KeySlotsMissing, "this store has no key slots yet");
    const auto& ring = *impl_->keyRing;
    KeySlotFile file = ring.file;
    std::erase_if(file.slots, [](const KeySlot& s) { return s.kind == kRecoverySlot; });
    std::string secret = crypto().randomBytes(30);
    file.slots.push_back(makeKeySlot(kRecoverySlot, "", "", "", secret, ring.storeKey, file.storeId,
                                     ring.kdfForNewSlots, crypto()));
    saveKeySlots(std::move(file), {AuditEventKind::RecoveryKeyIssued, "", ""}, actor);
    return formatRecoveryKey(secret);
}

bool SqlCipherStore::ownSlotOpensWith(const Passphrase& passphrase) const {
    for (const auto& s : impl_->keyRing->file.slots)
        if (s.id == impl_->keyRing->signedInSlot)
            return openKeySlot(s, impl_->keyRing->file.storeId, passphrase.reveal(), crypto())
                .has_value();
    return false;
}

void SqlCipherStore::changeOwnSlot(const Passphrase& passphrase, const Actor& actor) {
    std::optional<KeySlot> own;
    for (const auto& s : impl_->keyRing->file.slots)
        if (s.id == impl_->keyRing->signedInSlot)
            own = s;
    if (!own)
        throw StoreError(StoreErrorCode::WrongPassphrase, "signed in without a key slot");
    const auto& ring = *impl_->keyRing;
    KeySlotFile file = ring.file;
    KeySlot slot =
        makeKeySlot(kPassphraseSlot, own->personId, own->username, own->name, passphrase.reveal(),
                    ring.storeKey, file.storeId, ring.kdfForNewSlots, crypto());
    const std::string newId = slot.id;
    for (auto& s : file.slots)
        if (s.id == own->id)
            s = std::move(slot);
    saveKeySlots(std::move(file), {AuditEventKind::PassphraseChanged, "", ""}, actor);
    impl_->keyRing->signedInSlot = newId;
}

void SqlCipherStore::setKdfForNewSlots(const KdfParams& params) {
    if (impl_->keyRing)
        impl_->keyRing->kdfForNewSlots = params;
}

std::function<std::unique_ptr<OpenStore>()> SqlCipherStore::connector() const {
    return [path = impl_->path, key = *impl_->key, clock = impl_->clock,
            person = accountablePerson()] {
        auto opened = openWithKey(path, key, clock);
        opened->impl_->actingFor = person;
        return std::unique_ptr<OpenStore>(std::move(opened));
    };
}

std::optional<ProfessionalId> SqlCipherStore::accountablePerson() const {
    if (auto person = signedInPerson())
        return person;
    return impl_->actingFor;
}

void SqlCipherStore::requireSignedInAs(const Actor& actor) const {
    // The audit trail names whoever's slot opened the store, whatever a caller passes.
    auto person = accountablePerson();
    if (person && person->str() != actor.userId.str())
        throw StoreError(StoreErrorCode::NotSignedInAs,
                         "written as " + actor.userId.str() + ", signed in as " + person->str());
}

}  // namespace nmdt::storage
