// The words of a track selection (--tracks, the service's "tracks", the
// desktop app's saved choice) and what they pick of a program's tracks.

#include "core/source/TrackSelection.h"

#include <QTest>

using namespace tapedeck;

namespace {

// A program as a broadcaster sends it: one video, German and English
// audio, German subtitles, an SCTE-35 data stream.
std::vector<TrackCandidate> program()
{
    return {{10, AVMEDIA_TYPE_VIDEO, QString()},
            {11, AVMEDIA_TYPE_AUDIO, QStringLiteral("deu")},
            {12, AVMEDIA_TYPE_AUDIO, QStringLiteral("eng")},
            {13, AVMEDIA_TYPE_SUBTITLE, QStringLiteral("deu")},
            {14, AVMEDIA_TYPE_DATA, QString()}};
}

std::vector<int> pick(const QString &list)
{
    auto items = parseTrackList(list);
    if (!items)
        return {-1};
    auto r = selectTracks(program(), *items);
    return r ? *r : std::vector<int>{-2};
}

} // namespace

class TstTrackSelection : public QObject {
    Q_OBJECT
private slots:
    void parsing_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::newRow("empty") << QString() << true;
        QTest::newRow("number and language") << QStringLiteral("v:0, a:eng") << true;
        QTest::newRow("long kinds") << QStringLiteral("video,audio:1,subtitles:none") << true;
        QTest::newRow("region tag") << QStringLiteral("a:en-US") << true;
        QTest::newRow("unknown kind") << QStringLiteral("x:0") << false;
        QTest::newRow("negative") << QStringLiteral("a:-1") << false;
        QTest::newRow("two colons") << QStringLiteral("a:1:2") << false;
        QTest::newRow("not a language") << QStringLiteral("a:english!") << false;
    }
    void parsing()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        auto r = parseTrackList(text);
        QCOMPARE(r.ok(), ok);
        if (!ok)
            QVERIFY2(r.message().contains(u'"'), qPrintable(r.message())); // names what it did not understand
    }

    void picks_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<std::vector<int>>("expected");
        QTest::newRow("default: everything") << QString() << std::vector<int>{10, 11, 12, 13, 14};
        QTest::newRow("english audio, rest as is") << QStringLiteral("a:eng") << std::vector<int>{10, 12, 13, 14};
        QTest::newRow("second audio by number") << QStringLiteral("a:1") << std::vector<int>{10, 12, 13, 14};
        QTest::newRow("exactly video and german")
            << QStringLiteral("v:0,a:deu,s:none,d:none") << std::vector<int>{10, 11};
        QTest::newRow("bibliographic code") << QStringLiteral("a:ger,s:none") << std::vector<int>{10, 11, 14};
        QTest::newRow("both audio named") << QStringLiteral("a:eng,a:deu") << std::vector<int>{10, 11, 12, 13, 14};
        QTest::newRow("audio only") << QStringLiteral("v:none,s:none,d:none") << std::vector<int>{11, 12};
    }
    void picks()
    {
        QFETCH(QString, list);
        QFETCH(std::vector<int>, expected);
        QCOMPARE(pick(list), expected);
    }

    // A track the program does not have is an error naming what it has,
    // never a quiet fallback.
    void missingTrackIsAClearError()
    {
        auto r = selectTracks(program(), {QStringLiteral("a:fra")}, QStringLiteral("program 2"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(r.message().contains(QStringLiteral("program 2 has no audio track in the language \"fra\"")),
                 qPrintable(r.message()));
        QVERIFY2(r.message().contains(QStringLiteral("a:0 deu, a:1 eng")), qPrintable(r.message()));
        auto n = selectTracks(program(), {QStringLiteral("v:1")});
        QVERIFY(!n.ok());
        QVERIFY2(n.message().contains(QStringLiteral("no video track number 1")), qPrintable(n.message()));
        auto none = selectTracks(program(), {QStringLiteral("v:none"), QStringLiteral("a:none")});
        QVERIFY(!none.ok());
        QVERIFY2(none.message().contains(QStringLiteral("no video and no audio")), qPrintable(none.message()));
    }

    // What the Tracks dialog saves for what is ticked: languages where they
    // name one track, numbers otherwise, nothing for a kind kept whole.
    void listForTicks()
    {
        const auto c = program();
        QCOMPARE(trackListFor(c, {10, 11, 12, 13, 14}), QStringList());
        QCOMPARE(trackListFor(c, {10, 12, 13, 14}), QStringList{QStringLiteral("a:eng")});
        QCOMPARE(trackListFor(c, {10, 11}),
                 (QStringList{QStringLiteral("a:deu"), QStringLiteral("s:none"), QStringLiteral("d:none")}));
        std::vector<TrackCandidate> twins{{0, AVMEDIA_TYPE_VIDEO, QString()},
                                          {1, AVMEDIA_TYPE_AUDIO, QStringLiteral("eng")},
                                          {2, AVMEDIA_TYPE_AUDIO, QStringLiteral("eng")}};
        QCOMPARE(trackListFor(twins, {0, 2}), QStringList{QStringLiteral("a:1")});
        // Round trip: what is saved picks what was ticked.
        for (const std::vector<int> &ticks : {std::vector<int>{10, 12}, std::vector<int>{10, 11, 13}}) {
            auto again = selectTracks(c, trackListFor(c, ticks));
            QVERIFY(again.ok());
            QCOMPARE(*again, ticks);
        }
    }

    void describe()
    {
        QCOMPARE(TrackSelection{}.describe(), QStringLiteral("default"));
        TrackSelection t{2, {QStringLiteral("v:0"), QStringLiteral("a:eng")}};
        QCOMPARE(t.describe(), QStringLiteral("program 2, tracks v:0,a:eng"));
    }
};

QTEST_GUILESS_MAIN(TstTrackSelection)
#include "tst_track_selection.moc"
