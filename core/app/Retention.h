#pragma once
// Retention: per folder, keep at most N GB or N days of recordings, removing
// the oldest finished ones first (docs/library.md, "Retention").
//
// What is never removed, whatever the rule says:
//  - a recording a live process holds (a FileLock on any of its files: this
//    process, another Tapedeck, a recovery),
//  - an unfinished sidecar set (the recovery wizard's material) and any
//    recording with a chunk still in sidecar form,
//  - a damaged file (it may still be repaired),
//  - a recording the user marked "Keep" (KeepIndex).
// Those still count towards the folder's size: the rule bounds the folder.
//
// Removal is a delete, not a move to the trash: the trash lives on the same
// filesystem (~/.local/share/Trash or $topdir/.Trash-$uid), so trashing
// frees no byte and a size rule could never be met. Retention is therefore
// off until the user sets a rule for a folder, and the Settings preview
// shows exactly what a rule removes before it is saved.
//
// planRetention() is pure (entries, marks and the clock in, a list out);
// applyRetention() asks the disk again and deletes under the files' locks.

#include "core/app/Library.h"
#include "core/base/Result.h"

#include <QDateTime>
#include <QSet>
#include <QString>
#include <QVariant>

#include <vector>

namespace tapedeck {

class Settings;

struct RetentionRule {
    QString folder;      // absolute
    qint64 maxBytes = 0; // 0: no size limit
    int maxAgeDays = 0;  // 0: no age limit
    bool active() const { return maxBytes > 0 || maxAgeDays > 0; }
};

// The rules of the settings (SettingKey::RetentionRules), one per folder.
std::vector<RetentionRule> loadRetentionRules(const Settings &settings);
void saveRetentionRules(Settings &settings, const std::vector<RetentionRule> &rules);
// The rule for `folder` (an inactive one when none is set).
RetentionRule retentionRuleFor(const Settings &settings, const QString &folder);

enum class RetentionReason { TooOld, OverSize };

// Why a recording is never removed, or None when it may be.
enum class RetentionGuard { None, Live, Unfinished, Damaged, Kept };
RetentionGuard retentionGuard(const LibraryEntry &entry, const QSet<QString> &kept);

struct RetentionRemoval {
    LibraryEntry entry;
    RetentionReason reason = RetentionReason::TooOld;
};

struct RetentionPlan {
    std::vector<RetentionRemoval> remove; // oldest first
    qint64 totalBytes = 0;                // the folder's recordings now
    qint64 bytesAfter = 0;                // once `remove` is gone
    int guarded = 0;                      // recordings the rule would have taken but may not
    qint64 bytesFreed() const { return totalBytes - bytesAfter; }
};

// What `rule` removes from `entries` (one folder's scan) at `now`: every
// unguarded recording older than maxAgeDays, then the oldest unguarded ones
// until the folder is within maxBytes. A recording's age counts from its
// start. `kept` holds paths of files marked "Keep" (any of an entry's files).
RetentionPlan planRetention(const std::vector<LibraryEntry> &entries, const RetentionRule &rule,
                            const QSet<QString> &kept, const QDateTime &now);

struct RetentionOutcome {
    QStringList deleted; // files
    QStringList skipped; // recordings left alone because their state changed since the plan
    QStringList errors;  // in words
};

// Deletes what `plan` lists, each recording under its files' locks and only
// while a fresh look at the disk still finds it finished, unheld and
// unmarked (a recording may have started on it, or a mark been set, since).
RetentionOutcome applyRetention(const RetentionPlan &plan, const QSet<QString> &kept);

// One folder's rule enforced now: scan, plan, delete (blocks on the disk;
// call it off the GUI thread).
RetentionOutcome enforceRetention(const RetentionRule &rule, const QSet<QString> &kept,
                                  const QDateTime &now = QDateTime::currentDateTime());

// Marks "Keep" (a small JSON list beside the settings, like RecoveredIndex).
inline constexpr const char *kKeptIndexFileName = "kept-recordings.json";

} // namespace tapedeck
