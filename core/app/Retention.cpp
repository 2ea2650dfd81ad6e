#include "core/app/Retention.h"

#include "core/app/Settings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace tapedeck {

namespace {

constexpr qint64 kGiB = qint64(1024) * 1024 * 1024;

QString normalFolder(const QString &folder) { return QDir::cleanPath(QFileInfo(folder).absoluteFilePath()); }

bool hasSidecars(const LibraryEntry &e)
{
    return std::any_of(e.chunks.begin(), e.chunks.end(), [](const LibraryChunk &c) { return !c.sidecars.isEmpty(); });
}

// Sidecars that appeared on the disk after the scan (a recording that
// started on the same name): asked of the disk, not of the entry.
bool sidecarsOnDisk(const LibraryEntry &e)
{
    for (const LibraryChunk &c : e.chunks)
        for (const char *ext : {".info", ".mdat", ".track1", ".track2"})
            if (QFileInfo::exists(c.path + QLatin1String(ext)))
                return true;
    return false;
}

} // namespace

std::vector<RetentionRule> loadRetentionRules(const Settings &settings)
{
    std::vector<RetentionRule> out;
    const QVariantMap map = settings.jsonValue(SettingKey::RetentionRules).toMap();
    for (auto it = map.begin(); it != map.end(); ++it) {
        const QVariantMap m = it.value().toMap();
        RetentionRule r;
        r.folder = normalFolder(it.key());
        // Stored in GB (as the user types them), decimals allowed.
        r.maxBytes = std::llround(std::max(0.0, m.value(QStringLiteral("maxGb")).toDouble()) * double(kGiB));
        r.maxAgeDays = std::max(0, m.value(QStringLiteral("maxDays")).toInt());
        if (r.active())
            out.push_back(r);
    }
    return out;
}

void saveRetentionRules(Settings &settings, const std::vector<RetentionRule> &rules)
{
    QVariantMap map;
    for (const RetentionRule &r : rules)
        if (r.active())
            map.insert(normalFolder(r.folder),
                       QVariantMap{{QStringLiteral("maxGb"), double(r.maxBytes) / double(kGiB)},
                                   {QStringLiteral("maxDays"), r.maxAgeDays}});
    settings.setJsonValue(SettingKey::RetentionRules, map);
}

RetentionRule retentionRuleFor(const Settings &settings, const QString &folder)
{
    const QString f = normalFolder(folder);
    for (const RetentionRule &r : loadRetentionRules(settings))
        if (r.folder == f)
            return r;
    RetentionRule none;
    none.folder = f;
    return none;
}

RetentionGuard retentionGuard(const LibraryEntry &entry, const QSet<QString> &kept)
{
    if (entry.state == LibraryState::Recording || entry.owner.owned())
        return RetentionGuard::Live;
    for (const LibraryChunk &c : entry.chunks)
        if (c.owner.owned())
            return RetentionGuard::Live;
    if (entry.state == LibraryState::Unfinished || hasSidecars(entry))
        return RetentionGuard::Unfinished;
    if (entry.state == LibraryState::Damaged)
        return RetentionGuard::Damaged;
    const QStringList files = entry.allFiles();
    if (std::any_of(files.begin(), files.end(), [&](const QString &f) { return kept.contains(f); }))
        return RetentionGuard::Kept;
    return RetentionGuard::None;
}

RetentionPlan planRetention(const std::vector<LibraryEntry> &entries, const RetentionRule &rule,
                            const QSet<QString> &kept, const QDateTime &now)
{
    RetentionPlan plan;
    for (const LibraryEntry &e : entries)
        plan.totalBytes += e.sizeBytes;
    plan.bytesAfter = plan.totalBytes;
    if (!rule.active())
        return plan;

    // Oldest first; a recording without a known start is treated as the
    // newest (its age cannot be proven, so it goes last).
    std::vector<const LibraryEntry *> order;
    for (const LibraryEntry &e : entries)
        order.push_back(&e);
    std::stable_sort(order.begin(), order.end(), [](const LibraryEntry *a, const LibraryEntry *b) {
        if (a->started.isValid() != b->started.isValid())
            return a->started.isValid();
        return a->started < b->started;
    });

    std::vector<bool> removed(order.size(), false);
    auto take = [&](size_t i, RetentionReason why) {
        removed[i] = true;
        plan.remove.push_back({*order[i], why});
        plan.bytesAfter -= order[i]->sizeBytes;
    };
    if (rule.maxAgeDays > 0) {
        const QDateTime limit = now.addDays(-rule.maxAgeDays);
        for (size_t i = 0; i < order.size(); ++i) {
            if (!order[i]->started.isValid() || order[i]->started >= limit)
                continue;
            if (retentionGuard(*order[i], kept) == RetentionGuard::None)
                take(i, RetentionReason::TooOld);
            else
                ++plan.guarded;
        }
    }
    if (rule.maxBytes > 0) {
        for (size_t i = 0; i < order.size() && plan.bytesAfter > rule.maxBytes; ++i) {
            if (removed[i])
                continue;
            if (retentionGuard(*order[i], kept) == RetentionGuard::None)
                take(i, RetentionReason::OverSize);
            else
                ++plan.guarded;
        }
    }
    std::stable_sort(plan.remove.begin(), plan.remove.end(), [](const RetentionRemoval &a, const RetentionRemoval &b) {
        if (a.entry.started.isValid() != b.entry.started.isValid())
            return a.entry.started.isValid();
        return a.entry.started < b.entry.started;
    });
    return plan;
}

RetentionOutcome applyRetention(const RetentionPlan &plan, const QSet<QString> &kept)
{
    RetentionOutcome out;
    for (const RetentionRemoval &r : plan.remove) {
        const LibraryEntry &e = r.entry;
        // The plan may be minutes old: ask the disk again.
        if (retentionGuard(e, kept) != RetentionGuard::None || currentOwner(e).owned() || sidecarsOnDisk(e)) {
            out.skipped << e.name;
            continue;
        }
        auto deleted = deleteRecordingFiles(e);
        if (!deleted) {
            out.errors << QStringLiteral("%1: %2").arg(e.name, deleted.message());
            continue;
        }
        out.deleted << *deleted;
    }
    return out;
}

RetentionOutcome enforceRetention(const RetentionRule &rule, const QSet<QString> &kept, const QDateTime &now)
{
    if (!rule.active() || !QFileInfo(rule.folder).isDir())
        return {};
    return applyRetention(planRetention(scanLibraryFolder(rule.folder), rule, kept, now), kept);
}

} // namespace tapedeck
