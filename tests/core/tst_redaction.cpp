// Credentials never leak; hostile names never leave the output folder.

#include "core/base/Log.h"
#include "core/app/OutputNaming.h"
#include "core/base/Redact.h"
#include "core/source/Source.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

class TestRedaction : public QObject {
    Q_OBJECT
private slots:
    void redactsUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        QTest::newRow("userpass") << "rtsp://admin:hunter22@10.0.0.5:554/stream1"
                                  << "rtsp://admin:***@10.0.0.5:554/stream1";
        QTest::newRow("bare-token-userinfo") << "rtmp://abcdef123@host/live"
                                             << "rtmp://***@host/live";
        QTest::newRow("rtmp-key") << "rtmp://a.rtmp.youtube.com/live2/xxxx-yyyy-zzzz"
                                  << "rtmp://a.rtmp.youtube.com/live2/***";
        QTest::newRow("rtmps-key") << "rtmps://live.example.com:443/app/sk_live_123?x=1"
                                   << "rtmps://live.example.com:443/app/***?x=1";
        QTest::newRow("srt-passphrase") << "srt://127.0.0.1:9000?mode=caller&passphrase=supersecret1&latency=200"
                                        << "srt://127.0.0.1:9000?mode=caller&passphrase=***&latency=200";
        QTest::newRow("hls-token") << "https://cdn.example.com/live/index.m3u8?token=abc123def&quality=hd"
                                   << "https://cdn.example.com/live/index.m3u8?token=***&quality=hd";
        QTest::newRow("access_token") << "http://h/x.m3u8?access_token=zzz9&Signature=qq&Policy=pp"
                                      << "http://h/x.m3u8?access_token=***&Signature=***&Policy=pp";
        QTest::newRow("plain-http") << "http://127.0.0.1:8080/live/index.m3u8"
                                    << "http://127.0.0.1:8080/live/index.m3u8";
        QTest::newRow("local-path") << "/home/me/video.mp4"
                                    << "/home/me/video.mp4";
        QTest::newRow("demo") << "demo?realtime=0"
                              << "demo?realtime=0";
        QTest::newRow("rtmp-app-only") << "rtmp://host/live"
                                       << "rtmp://host/live";
    }
    void redactsUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        QCOMPARE(redactUrl(url), expected);
    }

    void redactsUrlsInsideText()
    {
        const QString text =
            QStringLiteral("Opening 'rtsp://u:pw123456@cam/1' failed; retry rtmp://h/app/KEY99999: refused");
        const QString r = redactText(text);
        QVERIFY(!r.contains(QStringLiteral("pw123456")));
        QVERIFY(!r.contains(QStringLiteral("KEY99999")));
        QVERIFY(r.contains(QStringLiteral("refused")));
    }

    void scrubsRegisteredSecretsOutsideUrls()
    {
        registerSecretsOf(QStringLiteral("rtmp://127.0.0.1/live/CanaryStreamKey77"));
        // A library that logs a path or parameter without the URL around it.
        const QString r = redactText(QStringLiteral("app=live playpath=CanaryStreamKey77 (no url here)"));
        QVERIFY2(!r.contains(QStringLiteral("CanaryStreamKey77")), qPrintable(r));
    }

    // A short stream key that is also a word: the user's own path keeps it,
    // the places where it stands as a value still hide it.
    void shortKeyKeepsUserPathsButNotValues()
    {
        registerSecretsOf(QStringLiteral("rtmp://127.0.0.1:1935/live/multi"));
        registerUserPath(QStringLiteral("/tmp/nettest/multi"));
        const QString saved = QStringLiteral("  /tmp/nettest/multi/m_rtmp.mp4");
        QCOMPARE(redactText(saved), saved);
        // Prose keeps the word; a value in FFmpeg's own words does not.
        QCOMPARE(redactText(QStringLiteral("a multi-track file with multi audio")),
                 QStringLiteral("a multi-track file with multi audio"));
        QCOMPARE(redactText(QStringLiteral("playpath=multi app=live")), QStringLiteral("playpath=*** app=live"));
        QCOMPARE(redactText(QStringLiteral("Proto = rtmp, path = /live/multi, fname = multi")),
                 QStringLiteral("Proto = rtmp, path = /live/***, fname = ***"));
        QCOMPARE(redactText(QStringLiteral("Opening 'rtmp://127.0.0.1:1935/live/multi' for reading")),
                 QStringLiteral("Opening 'rtmp://127.0.0.1:1935/live/***' for reading"));
        // A path that is not the user's output is still scrubbed.
        QCOMPARE(redactText(QStringLiteral("/other/multi/x")), QStringLiteral("/other/***/x"));
    }

    void longKeyScrubbedInsideUserPathsOnlyWhereNotTheirs()
    {
        registerSecretsOf(QStringLiteral("rtmp://h/live/LongCanaryKey123"));
        QVERIFY(!redactText(QStringLiteral("xLongCanaryKey123y and key LongCanaryKey123"))
                     .contains(QStringLiteral("LongCanaryKey123")));
        registerUserPath(QStringLiteral("/srv/LongCanaryKey123"));
        QCOMPARE(redactText(QStringLiteral("saved /srv/LongCanaryKey123/a.ts")),
                 QStringLiteral("saved /srv/LongCanaryKey123/a.ts"));
    }

    void secretFieldsInFreeText()
    {
        QCOMPARE(redactText(QStringLiteral("srt: passphrase=NotRegistered42 latency=200")),
                 QStringLiteral("srt: passphrase=*** latency=200"));
        QCOMPARE(redactText(QStringLiteral("password: hunter2, user: bob")),
                 QStringLiteral("password: ***, user: bob"));
        QCOMPARE(redactText(QStringLiteral("client_secrets_file=/etc/x")),
                 QStringLiteral("client_secrets_file=/etc/x"));
    }

    void logSinkReceivesRedactedText()
    {
        QString seen;
        setLogSink([&](LogLevel, const QString &m) { seen += m; });
        logError(QStringLiteral("cannot open srt://h:1?passphrase=TopSecretPass9"));
        resetLogSink();
        QVERIFY(!seen.isEmpty());
        QVERIFY2(!seen.contains(QStringLiteral("TopSecretPass9")), qPrintable(seen));
    }

    void sanitizesHostileNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("traversal") << "../../etc/x";
        QTest::newRow("abs") << "/etc/passwd";
        QTest::newRow("backslash") << "..\\..\\windows\\system32";
        QTest::newRow("device") << "CON";
        QTest::newRow("device-ext") << "nul.txt";
        QTest::newRow("dots") << "...";
        QTest::newRow("empty") << "";
        QTest::newRow("control") << QString::fromUtf8("a\nb\tc\x01");
        QTest::newRow("dash") << "-rf";
        QTest::newRow("long") << QString(500, u'a');
    }
    void sanitizesHostileNames()
    {
        QFETCH(QString, name);
        const QString s = sanitizeFileName(name);
        QVERIFY(!s.isEmpty());
        QVERIFY(!s.contains(u'/'));
        QVERIFY(!s.contains(u'\\'));
        QVERIFY(!s.contains(QStringLiteral("..")));
        QVERIFY(!s.startsWith(u'.'));
        QVERIFY(!s.startsWith(u'-'));
        QVERIFY(s.size() <= 100);
        for (QChar c : s)
            QVERIFY(c.unicode() >= 0x20);
        QVERIFY(s.compare(QStringLiteral("CON"), Qt::CaseInsensitive) != 0);
        QVERIFY(!s.startsWith(QStringLiteral("nul."), Qt::CaseInsensitive));
    }

    void outputBaseStaysInsideFolder_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("source");
        QTest::newRow("source-traversal") << "{source}"
                                          << "../../etc/x";
        QTest::newRow("pattern-traversal") << "../../{source}_{date}"
                                           << "cam";
        QTest::newRow("absolute-pattern") << "/tmp/evil_{time}"
                                          << "cam";
        QTest::newRow("device") << "{source}"
                                << "CON";
    }
    void outputBaseStaysInsideFolder()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, source);
        QTemporaryDir dir;
        auto base = buildOutputBase(dir.path(), pattern, source);
        QVERIFY2(base.ok(), qPrintable(base.message()));
        const QString canonicalDir = QDir(dir.path()).canonicalPath();
        QCOMPARE(QFileInfo(*base).absolutePath(), canonicalDir.isEmpty() ? dir.path() : canonicalDir);
    }

    void streamNames()
    {
        QCOMPARE(streamNameOf(QStringLiteral("rtmp://u:p@host:1935/live/cam1?token=x")), QStringLiteral("cam1"));
        QCOMPARE(streamNameOf(QStringLiteral("demo")), QStringLiteral("demo"));
        QCOMPARE(streamNameOf(QStringLiteral("/data/clip.final.mp4")), QStringLiteral("clip.final"));
        QCOMPARE(streamNameOf(QStringLiteral("http://h/channel7/index.m3u8")), QStringLiteral("channel7"));
    }

    void listenerUrls()
    {
        QVERIFY(isListenerUrl(QStringLiteral("rtmp://127.0.0.1:1935/live/x?listen=1")));
        QVERIFY(isListenerUrl(QStringLiteral("srt://:9000?mode=listener&passphrase=abcdefghij")));
        QVERIFY(!isListenerUrl(QStringLiteral("srt://127.0.0.1:9000?mode=caller")));
        QVERIFY(!isListenerUrl(QStringLiteral("rtmp://127.0.0.1/live/x")));
    }
};

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
