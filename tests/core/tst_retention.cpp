// Retention (core/app/Retention.h) and the disk forecast
// (core/app/DiskForecast.h): the oldest finished recordings go first, and a
// live, unfinished, damaged or kept recording survives any rule; time left
// is the free space above the reserve at the bitrate of every recording on
// the same filesystem.
#include "core/app/DiskForecast.h"
#include "core/app/Retention.h"
#include "core/app/Settings.h"
#include "core/io/FileLock.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>

using namespace tapedeck;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 11, 30), QTime(12, 0), Qt::UTC);

LibraryEntry entry(const QString &name, int daysAgo, qint64 bytes, LibraryState state = LibraryState::Finished)
{
    LibraryEntry e;
    e.name = name;
    e.folder = QStringLiteral("/rec");
    e.key = e.folder + u'/' + name + QStringLiteral(".ts");
    e.format = ContainerType::MpegTs;
    e.started = kNow.addDays(-daysAgo);
    e.sizeBytes = bytes;
    e.state = state;
    LibraryChunk c;
    c.path = e.key;
    c.exists = true;
    c.sizeBytes = bytes;
    e.chunks.push_back(c);
    return e;
}

QStringList names(const RetentionPlan &p)
{
    QStringList out;
    for (const RetentionRemoval &r : p.remove)
        out << r.entry.name;
    return out;
}

} // namespace

class TestRetention : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private slots:
    void ageRuleTakesOnlyFinishedOlderRecordings()
    {
        std::vector<LibraryEntry> all{entry("new", 1, 100),
                                      entry("old", 10, 100),
                                      entry("older", 20, 100),
                                      entry("live", 30, 100, LibraryState::Recording),
                                      entry("crashed", 30, 100, LibraryState::Unfinished),
                                      entry("broken", 30, 100, LibraryState::Damaged),
                                      entry("kept", 30, 100),
                                      entry("rebuilt", 30, 100, LibraryState::Recovered)};
        RetentionRule rule;
        rule.maxAgeDays = 7;
        const QSet<QString> kept{QStringLiteral("/rec/kept.ts")};
        const RetentionPlan p = planRetention(all, rule, kept, kNow);
        // Oldest first; recovered files are finished recordings too.
        QCOMPARE(names(p), (QStringList{"rebuilt", "older", "old"}));
        QCOMPARE(p.guarded, 4); // live, crashed, broken, kept
        QCOMPARE(p.totalBytes, qint64(800));
        QCOMPARE(p.bytesAfter, qint64(500));
    }

    void sizeRuleTakesOldestUntilWithin()
    {
        std::vector<LibraryEntry> all{entry("a", 5, 300), entry("b", 4, 300), entry("c", 3, 300), entry("d", 2, 300)};
        // The oldest is live (a chunked recording still running): the next goes.
        all[0].chunks.front().owner.owner = FileOwner::Recording;
        RetentionRule rule;
        rule.maxBytes = 700;
        RetentionPlan p = planRetention(all, rule, {}, kNow);
        QCOMPARE(names(p), (QStringList{"b", "c"}));
        QCOMPARE(p.bytesAfter, qint64(600));
        QCOMPARE(p.guarded, 1);

        // A chunk still in sidecar form protects its whole recording.
        all[1].chunks.front().sidecars << QStringLiteral("/rec/b.mp4.info");
        p = planRetention(all, rule, {}, kNow);
        QCOMPARE(names(p), (QStringList{"c", "d"}));

        // Within the limit: nothing.
        rule.maxBytes = 5000;
        QVERIFY(planRetention(all, rule, {}, kNow).remove.empty());
        // No rule: nothing, whatever the age.
        QVERIFY(planRetention(all, RetentionRule{}, {}, kNow).remove.empty());
    }

    void unknownStartIsNeverTooOld()
    {
        std::vector<LibraryEntry> all{entry("dated", 30, 10), entry("undated", 30, 10)};
        all[1].started = QDateTime();
        RetentionRule rule;
        rule.maxAgeDays = 1;
        QCOMPARE(names(planRetention(all, rule, {}, kNow)), QStringList{"dated"});
        rule.maxAgeDays = 0;
        rule.maxBytes = 5; // both must go; the undated one last
        QCOMPARE(names(planRetention(all, rule, {}, kNow)), (QStringList{"dated", "undated"}));
    }

    void rulesRoundTripThroughSettings()
    {
        Settings s(m_tmp.filePath(QStringLiteral("rules.ini")));
        RetentionRule r;
        r.folder = m_tmp.filePath(QStringLiteral("rec/"));
        r.maxBytes = qint64(3) * 1024 * 1024 * 1024 / 2; // 1.5 GB
        r.maxAgeDays = 14;
        RetentionRule off;
        off.folder = m_tmp.filePath(QStringLiteral("other"));
        saveRetentionRules(s, {r, off});
        const auto rules = loadRetentionRules(s);
        QCOMPARE(rules.size(), size_t(1)); // an inactive rule is not stored
        QCOMPARE(rules.front().folder, m_tmp.filePath(QStringLiteral("rec")));
        QCOMPARE(rules.front().maxBytes, r.maxBytes);
        QCOMPARE(rules.front().maxAgeDays, 14);
        QCOMPARE(retentionRuleFor(s, m_tmp.filePath(QStringLiteral("rec"))).maxAgeDays, 14);
        QVERIFY(!retentionRuleFor(s, m_tmp.filePath(QStringLiteral("other"))).active());
    }

    // On a real folder: live (locked), unfinished (sidecars) and kept
    // recordings survive a rule that asks for everything; the rest is deleted.
    void liveUnfinishedAndKeptSurviveOnDisk()
    {
        QVERIFY(m_tmp.isValid());
        const QString dir = m_tmp.filePath(QStringLiteral("disk"));
        QVERIFY(QDir().mkpath(dir));
        const testsupport::ToolResult rec = testsupport::runTapedeck(
            {QStringLiteral("record"), QStringLiteral("demo?realtime=0"), QStringLiteral("--type"),
             QStringLiteral("ts"), QStringLiteral("--duration"), QStringLiteral("1"), QStringLiteral("--out"),
             m_tmp.filePath(QStringLiteral("sample"))},
            180000);
        QVERIFY2(rec.exitCode == 0, rec.err.constData());
        const QString sample = m_tmp.filePath(QStringLiteral("sample.ts"));
        for (const char *n : {"old1.ts", "old2.ts", "kept.ts", "live_part0000.ts", "live_part0001.ts"})
            QVERIFY(QFile::copy(sample, dir + u'/' + QLatin1String(n)));
        for (const char *n : {"crashed.mp4.info", "crashed.mp4.mdat"}) {
            QFile f(dir + u'/' + QLatin1String(n));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(64, '\0'));
        }
        auto lock = FileLock::acquire(dir + "/live_part0001.ts", FileLock::Role::Recording);
        QVERIFY2(lock, qPrintable(lock.message()));
        const QSet<QString> kept{dir + "/kept.ts"};

        RetentionRule rule;
        rule.folder = dir;
        rule.maxBytes = 1; // everything it may take
        const RetentionPlan plan = planRetention(scanLibraryFolder(dir), rule, kept, QDateTime::currentDateTime());
        QStringList planned = names(plan);
        planned.sort();
        QCOMPARE(planned, (QStringList{"old1", "old2"}));
        QCOMPARE(plan.guarded, 3);

        const RetentionOutcome done = applyRetention(plan, kept);
        QVERIFY2(done.errors.isEmpty(), qPrintable(done.errors.join(u'\n')));
        QCOMPARE(done.deleted.size(), 2);
        QVERIFY(!QFile::exists(dir + "/old1.ts"));
        QVERIFY(!QFile::exists(dir + "/old2.ts"));
        for (const char *n :
             {"kept.ts", "live_part0000.ts", "live_part0001.ts", "crashed.mp4.info", "crashed.mp4.mdat"})
            QVERIFY2(QFile::exists(dir + u'/' + QLatin1String(n)), n);
    }

    // A recording that starts on a planned file after the plan was made is
    // left alone: apply asks the disk again.
    void applyAsksTheDiskAgain()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("again"));
        QVERIFY(QDir().mkpath(dir));
        const QString sample = m_tmp.filePath(QStringLiteral("sample.ts"));
        QVERIFY2(QFile::exists(sample), "liveUnfinishedAndKeptSurviveOnDisk records it");
        QVERIFY(QFile::copy(sample, dir + "/a.ts"));
        QVERIFY(QFile::copy(sample, dir + "/b.ts"));
        RetentionRule rule;
        rule.maxBytes = 1;
        const RetentionPlan plan = planRetention(scanLibraryFolder(dir), rule, {}, QDateTime::currentDateTime());
        QCOMPARE(plan.remove.size(), size_t(2));
        auto lock = FileLock::acquire(dir + "/a.ts", FileLock::Role::Recording);
        QVERIFY(lock);
        // Marked "keep" after the plan, too.
        const RetentionOutcome done = applyRetention(plan, {dir + "/b.ts"});
        QCOMPARE(done.skipped.size(), 2);
        QVERIFY(done.deleted.isEmpty());
        QVERIFY(QFile::exists(dir + "/a.ts"));
        QVERIFY(QFile::exists(dir + "/b.ts"));
    }

    void timeLeftCountsEveryRecordingOnTheVolume()
    {
        const qint64 mb = 1024 * 1024;
        // Two folders on one disk, one on another.
        const std::vector<DiskLoad> loads{
            {"/a", "disk1", 4'000'000}, {"/b", "disk1", 4'000'000}, {"/a", "disk1", 0}, {"/c", "disk2", 8'000'000}};
        auto free = [&](const QString &f) -> std::optional<qint64> {
            if (f == "/c")
                return std::nullopt;
            return 1000 * mb + 500 * mb;
        };
        const auto all = forecastDisks(loads, free, 500 * mb, 30 * 60);
        QCOMPARE(all.size(), size_t(3));
        QCOMPARE(all[0].folder, QStringLiteral("/a"));
        QCOMPARE(all[0].recordings, 2);
        QCOMPARE(all[0].bitrateBps, qint64(8'000'000)); // both folders of disk1
        // 1000 MiB above the reserve at 1 MB/s.
        QCOMPARE(all[0].secondsLeft(), 1000 * mb * 8 / 8'000'000);
        QCOMPARE(all[1].secondsLeft(), all[0].secondsLeft());
        QVERIFY(all[0].low());                      // 1048 s left: under the 30 minutes of warning
        QCOMPARE(all[2].secondsLeft(), qint64(-1)); // unknown free space
        QVERIFY(!all[2].low());
    }

    void warningsComeBeforeTheReserve()
    {
        DiskForecast d;
        d.reserveBytes = 500LL * 1024 * 1024;
        d.freeBytes = 10LL * 1024 * 1024 * 1024;
        d.warnSeconds = 1800;
        QCOMPARE(d.secondsLeft(), qint64(-1)); // nothing flowing yet
        QVERIFY(!d.low());
        d.bitrateBps = 8'000'000; // 1 MB/s: about 9,700 s left
        QVERIFY(d.secondsLeft() > 1800);
        QVERIFY(!d.low());
        d.bitrateBps = 80'000'000; // 10 MB/s: about 970 s left
        QVERIFY(d.secondsLeft() < 1800);
        QVERIFY(d.low());
        QVERIFY(!d.belowReserve());
        d.freeBytes = d.reserveBytes - 1;
        QCOMPARE(d.secondsLeft(), qint64(0));
        QVERIFY(d.belowReserve());
        // Without a rate, close to the reserve is still worth a warning.
        d.bitrateBps = 0;
        d.freeBytes = d.reserveBytes + 100LL * 1024 * 1024;
        QVERIFY(d.low());
    }
};

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
