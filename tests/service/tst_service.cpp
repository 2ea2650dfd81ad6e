// tapedeck-cli serve as a real process on 127.0.0.1: authentication, the
// recordings API with the built-in demo source, the event stream, /metrics,
// the EvoStream commands, files, and hostile input (docs/service.md).
#include "ServiceClient.h"
#include "TestSupport.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace testsupport;

class TestService : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    ServiceProcess m_svc;

    QString startDemo(const QByteArray &json)
    {
        const HttpReply r = m_svc.request("POST", "/api/v1/recordings", json);
        if (r.status != 201)
            qWarning() << r.status << r.body;
        return r.status == 201 ? r.json().value(QStringLiteral("id")).toString() : QString();
    }

    bool stopAndWait(const QString &id)
    {
        if (m_svc.request("DELETE", "/api/v1/recordings/" + id.toUtf8()).status != 200)
            return false;
        return m_svc.waitFor(id, [](const QJsonObject &o) {
            const QString s = o.value(QStringLiteral("state")).toString();
            return s == QLatin1String("finished") || s == QLatin1String("failed");
        });
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        const QString why = m_svc.start(m_tmp.filePath(QStringLiteral("svc")));
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void cleanupTestCase()
    {
        if (m_svc.process.state() == QProcess::Running)
            QVERIFY(m_svc.terminate());
    }

    void authentication()
    {
        HttpReply r = m_svc.request("GET", "/api/v1/health", {}, QByteArray());
        QCOMPARE(r.status, 401);
        QVERIFY(!r.json().value(QStringLiteral("error")).toString().isEmpty());
        QVERIFY(r.head.contains("WWW-Authenticate: Bearer"));
        r = m_svc.request("GET", "/api/v1/health", {}, m_svc.token + "x");
        QCOMPARE(r.status, 401);
        r = m_svc.request("GET", "/metrics", {}, QByteArray("nope"));
        QCOMPARE(r.status, 401);
        r = m_svc.request("GET", "/evostream/listRecords", {}, QByteArray());
        QCOMPARE(r.status, 401);
        r = m_svc.request("GET", "/api/v1/health");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        r = m_svc.request("GET", "/api/v1/version");
        QCOMPARE(r.status, 200);
        QVERIFY(!r.json().value(QStringLiteral("version")).toString().isEmpty());
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(m_svc.dir + QStringLiteral("/token")).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
    }

    void rotatedTokenTakesEffect()
    {
        const QByteArray old = m_svc.token;
        const ToolResult rot = runTool(
            QStringLiteral(TAPEDECK_CLI_BIN),
            {QStringLiteral("serve"), QStringLiteral("--dir"), m_svc.dir, QStringLiteral("--rotate-token")}, 60000);
        QCOMPARE(rot.exitCode, 0);
        QFile f(m_svc.dir + QStringLiteral("/token"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        m_svc.token = f.readAll().trimmed();
        QVERIFY(m_svc.token != old);
        QVERIFY(!rot.out.contains(m_svc.token) && !rot.err.contains(m_svc.token));
        QCOMPARE(m_svc.request("GET", "/api/v1/health", {}, old).status, 401);
        QCOMPARE(m_svc.request("GET", "/api/v1/health").status, 200);
    }

    void hostileInput_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        const QByteArray rec = "/api/v1/recordings";
        QTest::newRow("bad json") << QByteArray("POST") << rec << QByteArray("{\"source\": ") << 400;
        QTest::newRow("json array") << QByteArray("POST") << rec << QByteArray("[1,2]") << 400;
        QTest::newRow("empty body") << QByteArray("POST") << rec << QByteArray() << 400;
        QTest::newRow("no source") << QByteArray("POST") << rec << QByteArray("{\"type\":\"ts\"}") << 400;
        QTest::newRow("unknown field") << QByteArray("POST") << rec << QByteArray("{\"source\":\"demo\",\"sauce\":1}")
                                       << 400;
        QTest::newRow("bad type") << QByteArray("POST") << rec << QByteArray("{\"source\":\"demo\",\"type\":\"avi\"}")
                                  << 400;
        QTest::newRow("negative chunk") << QByteArray("POST") << rec << QByteArray("{\"source\":\"demo\",\"chunk\":-1}")
                                        << 400;
        QTest::newRow("nan duration") << QByteArray("POST") << rec
                                      << QByteArray("{\"source\":\"demo\",\"duration\":\"nan\"}") << 400;
        QTest::newRow("source not a string") << QByteArray("POST") << rec << QByteArray("{\"source\":5}") << 400;
        QTest::newRow("out escapes") << QByteArray("POST") << rec
                                     << QByteArray("{\"source\":\"demo\",\"out\":\"../../escape\"}") << 400;
        QTest::newRow("out absolute") << QByteArray("POST") << rec
                                      << QByteArray("{\"source\":\"demo\",\"out\":\"/tmp/x\"}") << 400;
        QTest::newRow("out dot component")
            << QByteArray("POST") << rec << QByteArray("{\"source\":\"demo\",\"out\":\"a/./b\"}") << 400;
        QTest::newRow("name with slash") << QByteArray("POST") << rec
                                         << QByteArray("{\"source\":\"demo\",\"name\":\"../x\"}") << 400;
        QTest::newRow("out and name") << QByteArray("POST") << rec
                                      << QByteArray("{\"source\":\"demo\",\"out\":\"a\",\"name\":\"b\"}") << 400;
        QTest::newRow("track not understood")
            << QByteArray("POST") << rec << QByteArray("{\"source\":\"demo\",\"tracks\":\"x:1\"}") << 400;
        QTest::newRow("tracks not a string")
            << QByteArray("POST") << rec << QByteArray("{\"source\":\"demo\",\"tracks\":5}") << 400;
        QTest::newRow("negative program")
            << QByteArray("POST") << rec << QByteArray("{\"source\":\"demo\",\"program\":-1}") << 400;
        QTest::newRow("unknown id") << QByteArray("GET") << QByteArray("/api/v1/recordings/r000000000000")
                                    << QByteArray() << 404;
        QTest::newRow("stop unknown id") << QByteArray("DELETE") << QByteArray("/api/v1/recordings/nope")
                                         << QByteArray() << 404;
        QTest::newRow("method") << QByteArray("PUT") << rec << QByteArray("{}") << 405;
        QTest::newRow("unknown endpoint") << QByteArray("GET") << QByteArray("/api/v1/nothing") << QByteArray() << 404;
        QTest::newRow("file traversal") << QByteArray("DELETE") << QByteArray("/api/v1/files/..%2F..%2Ftoken")
                                        << QByteArray() << 400;
        QTest::newRow("file traversal 2")
            << QByteArray("DELETE") << QByteArray("/api/v1/files/a/../../token") << QByteArray() << 400;
        QTest::newRow("not a media file")
            << QByteArray("DELETE") << QByteArray("/api/v1/files/nothing.mp4") << QByteArray() << 404;
        QTest::newRow("evo no stream") << QByteArray("GET") << QByteArray("/evostream/record?type=ts") << QByteArray()
                                       << 400;
        QTest::newRow("evo bad base64") << QByteArray("GET") << QByteArray("/evostream/record?params=%%%%")
                                        << QByteArray() << 400;
        QTest::newRow("evo unknown") << QByteArray("GET") << QByteArray("/evostream/format") << QByteArray() << 404;
        QTest::newRow("orphans method") << QByteArray("GET") << QByteArray("/api/v1/orphans/recover") << QByteArray()
                                        << 405;
    }
    void hostileInput()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        const HttpReply r = m_svc.request(method, path, body);
        QCOMPARE(r.status, status);
        const QJsonObject j = r.json();
        // A reason a person can read: the API's {"error"}, or EvoStream's shape.
        if (path.startsWith("/evostream/")) {
            QCOMPARE(j.value(QStringLiteral("status")).toString(), QStringLiteral("FAIL"));
            QVERIFY(!j.value(QStringLiteral("description")).toString().isEmpty());
        } else {
            QVERIFY2(!j.value(QStringLiteral("error")).toString().isEmpty(), r.body.constData());
        }
    }

    void hostileBytes()
    {
        // Announced 2 MB: refused before it is sent.
        HttpReply r = rawHttp(m_svc.port,
                              "POST /api/v1/recordings HTTP/1.1\r\nAuthorization: Bearer " + m_svc.token
                                  + "\r\nContent-Length: 2000000\r\n\r\n");
        QCOMPARE(r.status, 413);
        r = rawHttp(m_svc.port, "GET / HTTP/1.1\r\nX: " + QByteArray(20000, 'a') + "\r\n\r\n");
        QCOMPARE(r.status, 431);
        r = rawHttp(m_svc.port, "\x16\x03\x01 garbage\r\n\r\n");
        QCOMPARE(r.status, 400);
        r = rawHttp(m_svc.port, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
        QCOMPARE(r.status, 501);
        // Still serving.
        QCOMPARE(m_svc.request("GET", "/api/v1/health").status, 200);
    }

    void demoRecordingEventsMetrics()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        // The event stream first, so it sees the recording from its start.
        QTcpSocket events;
        events.connectToHost(QStringLiteral("127.0.0.1"), m_svc.port);
        QVERIFY(events.waitForConnected(30000));
        events.write("GET /api/v1/events HTTP/1.1\r\nAuthorization: Bearer " + m_svc.token + "\r\n\r\n");
        QByteArray seen;
        QDeadlineTimer head(60000);
        while (!seen.contains("event: snapshot") && !head.hasExpired())
            if (events.waitForReadyRead(1000))
                seen += events.readAll();
        QVERIFY2(seen.startsWith("HTTP/1.1 200 OK\r\n"), seen.constData());
        QVERIFY(seen.contains("Content-Type: text/event-stream"));

        const QString id = startDemo("{\"source\":\"demo\",\"type\":\"mp4\",\"out\":\"demo/one\"}");
        QVERIFY(!id.isEmpty());
        QVERIFY(m_svc.waitFor(id, [](const QJsonObject &o) {
            return o.value(QStringLiteral("state")).toString() == QLatin1String("recording")
                && o.value(QStringLiteral("bytes")).toDouble() > 0
                && o.value(QStringLiteral("picturelessUnits")).isDouble();
        }));
        // Events without polling: the recording's state change and figures.
        QDeadlineTimer deadline(60000);
        auto sawAll = [&] {
            return seen.contains("event: state") && seen.contains(id.toUtf8()) && seen.contains("event: figures");
        };
        while (!sawAll() && !deadline.hasExpired())
            if (events.waitForReadyRead(1000))
                seen += events.readAll();
        QVERIFY2(sawAll(), seen.right(2000).constData());

        // /metrics in the Prometheus text format: every sample line parses.
        const HttpReply m = m_svc.request("GET", "/metrics");
        QCOMPARE(m.status, 200);
        QVERIFY(m.head.contains("Content-Type: text/plain; version=0.0.4"));
        const QRegularExpression sample(
            QStringLiteral("^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_]+=\"[^\"]*\",?)*\\})? [-+]?([0-9.eE+-]+|Inf|NaN)$"));
        int samples = 0;
        double recording = -1;
        for (const QByteArray &line : m.body.split('\n')) {
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            QVERIFY2(sample.match(QString::fromUtf8(line)).hasMatch(), line.constData());
            ++samples;
            if (line.startsWith("tapedeck_recordings{state=\"recording\"} "))
                recording = line.split(' ').last().toDouble();
        }
        QVERIFY(samples >= 10);
        QVERIFY(recording >= 1);
        QVERIFY(m.body.contains("tapedeck_fsync_duration_seconds_count"));
        QVERIFY(m.body.contains("tapedeck_disk_free_bytes"));
        // Empty access units are their own figure, not "drops".
        QVERIFY(m.body.contains("\ntapedeck_pictureless_units_total 0\n"));
        QVERIFY(m.body.contains("\ntapedeck_dropped_packets_total 0\n"));

        QVERIFY(m_svc.waitFor(
            id, [](const QJsonObject &o) { return o.value(QStringLiteral("mediaSeconds")).toDouble() >= 2; }));
        QVERIFY(stopAndWait(id));
        const QJsonObject done = m_svc.recording(id);
        QCOMPARE(done.value(QStringLiteral("state")).toString(), QStringLiteral("finished"));
        QCOMPARE(done.value(QStringLiteral("wanted")).toBool(), false);
        const QJsonArray files = done.value(QStringLiteral("files")).toArray();
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.first().toString(), m_svc.dir + QStringLiteral("/recordings/demo/one.mp4"));
        QCOMPARE(ffmpegDecodeErrors(files.first().toString()), QString());
        deadline.setRemainingTime(60000);
        while (!seen.contains("\"state\":\"finished\"") && !deadline.hasExpired())
            if (events.waitForReadyRead(1000))
                seen += events.readAll();
        QVERIFY(seen.contains("\"state\":\"finished\""));
    }

    // "tracks" (issue 13): the demo without its audio; the recording says
    // what it writes, and the choice is kept in desired.json for a restart.
    // A program the demo does not have fails the recording in words.
    void trackSelection()
    {
        const QString id = startDemo("{\"source\":\"demo\",\"type\":\"ts\",\"out\":\"tracks/video\","
                                     "\"tracks\":[\"a:none\"]}");
        QVERIFY(!id.isEmpty());
        QVERIFY(m_svc.waitFor(id, [](const QJsonObject &o) {
            return o.value(QStringLiteral("state")).toString() == QLatin1String("recording")
                && !o.value(QStringLiteral("recordedTracks")).toArray().isEmpty();
        }));
        const QJsonObject o = m_svc.request("GET", "/api/v1/recordings/" + id.toUtf8()).json();
        QCOMPARE(o.value(QStringLiteral("tracks")).toString(), QStringLiteral("a:none"));
        const QJsonArray tracks = o.value(QStringLiteral("recordedTracks")).toArray();
        QCOMPARE(tracks.size(), 1);
        QCOMPARE(tracks.at(0).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("video"));
        QFile desired(m_tmp.filePath(QStringLiteral("svc/desired.json")));
        QVERIFY(desired.open(QIODevice::ReadOnly));
        QVERIFY(desired.readAll().contains("\"tracks\": \"a:none\""));
        QVERIFY(stopAndWait(id));

        const QString bad = startDemo("{\"source\":\"demo\",\"out\":\"tracks/p3\",\"program\":3}");
        QVERIFY(!bad.isEmpty());
        QVERIFY(m_svc.waitFor(bad, [](const QJsonObject &o) {
            return o.value(QStringLiteral("state")).toString() == QLatin1String("failed");
        }));
        const QString why =
            m_svc.request("GET", "/api/v1/recordings/" + bad.toUtf8()).json().value(QStringLiteral("error")).toString();
        QVERIFY2(why.contains(QStringLiteral("has no programs, so there is no program 3")), qPrintable(why));
    }

    void evostreamCommands()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        const QByteArray params =
            QByteArray("localStreamName=demo pathToFile=../media/evo/cam type=ts chunkLength=0 overwrite=1").toBase64();
        HttpReply r = m_svc.request("GET", "/evostream/record?params=" + params);
        QCOMPARE(r.status, 200);
        QJsonObject j = r.json();
        QCOMPARE(j.value(QStringLiteral("status")).toString(), QStringLiteral("SUCCESS"));
        const QString id = j.value(QStringLiteral("data")).toObject().value(QStringLiteral("configId")).toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(j.value(QStringLiteral("data")).toObject().value(QStringLiteral("pathToFile")).toString(),
                 m_svc.dir + QStringLiteral("/recordings/evo/cam"));
        r = m_svc.request("GET", "/evostream/listRecords");
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("SUCCESS"));
        QVERIFY(r.body.contains(id.toUtf8()));
        QVERIFY(m_svc.waitFor(
            id, [](const QJsonObject &o) { return o.value(QStringLiteral("mediaSeconds")).toDouble() >= 2; }));
        r = m_svc.request("GET", "/evostream/stopRecord?localStreamName=demo");
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("SUCCESS"));
        QVERIFY(m_svc.waitFor(id, [](const QJsonObject &o) {
            return o.value(QStringLiteral("state")).toString() == QLatin1String("finished");
        }));
        QCOMPARE(ffmpegDecodeErrors(m_svc.dir + QStringLiteral("/recordings/evo/cam.ts")), QString());
        r = m_svc.request("GET", "/evostream/removeConfig?id=" + id.toUtf8());
        QCOMPARE(r.status, 200); // stopping a stopped recording is no error (idempotent, like DELETE)
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("SUCCESS"));
        r = m_svc.request("GET", "/evostream/removeConfig?id=r000000000000");
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("FAIL"));
    }

    void secretsNeverShown()
    {
        // A source with credentials that never connects (nothing listens).
        const quint16 closed = freeTcpPort();
        const QByteArray body = "{\"source\":\"rtmp://alice:s3cretPW@127.0.0.1:" + QByteArray::number(closed)
            + "/live/streamkey?token=t0kenVALUE\",\"wait\":true,\"type\":\"flv\",\"out\":\"secret/x\"}";
        const HttpReply r = m_svc.request("POST", "/api/v1/recordings", body);
        QCOMPARE(r.status, 201);
        const QString id = r.json().value(QStringLiteral("id")).toString();
        QTest::qWait(1500); // let it try (and fail) to connect a few times
        QByteArray everything = r.body + m_svc.request("GET", "/api/v1/recordings").body
            + m_svc.request("GET", "/metrics").body + m_svc.request("GET", "/evostream/listRecords").body;
        QVERIFY(stopAndWait(id));
        everything += m_svc.request("GET", "/api/v1/recordings/" + id.toUtf8()).body + m_svc.stderrText();
        QVERIFY2(!everything.contains("s3cretPW"), everything.constData());
        QVERIFY2(!everything.contains("t0kenVALUE"), everything.constData());
        QVERIFY(everything.contains("127.0.0.1")); // the rest of the source is still shown
    }

    void namedSources_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        const QByteArray src = "/api/v1/sources";
        QTest::newRow("no name") << QByteArray("POST") << src << QByteArray("{\"url\":\"demo\"}") << 400;
        QTest::newRow("bad name") << QByteArray("POST") << src << QByteArray("{\"name\":\"../x\",\"url\":\"demo\"}")
                                  << 400;
        QTest::newRow("no url") << QByteArray("POST") << src << QByteArray("{\"name\":\"x\"}") << 400;
        QTest::newRow("empty url") << QByteArray("POST") << src << QByteArray("{\"name\":\"x\",\"url\":\" \"}") << 400;
        QTest::newRow("redaction mark") << QByteArray("POST") << src
                                        << QByteArray("{\"name\":\"x\",\"url\":\"rtmp://a:***@h/live/k\"}") << 400;
        QTest::newRow("unknown field") << QByteArray("POST") << src
                                       << QByteArray("{\"name\":\"x\",\"url\":\"demo\",\"pw\":1}") << 400;
        QTest::newRow("bad type") << QByteArray("POST") << src
                                  << QByteArray("{\"name\":\"x\",\"url\":\"demo\",\"type\":\"avi\"}") << 400;
        QTest::newRow("bad chunk") << QByteArray("POST") << src
                                   << QByteArray("{\"name\":\"x\",\"url\":\"demo\",\"chunk\":-5}") << 400;
        QTest::newRow("not json") << QByteArray("POST") << src << QByteArray("name=x") << 400;
        QTest::newRow("unknown source") << QByteArray("GET") << QByteArray("/api/v1/sources/nothing") << QByteArray()
                                        << 404;
        QTest::newRow("change unknown") << QByteArray("PUT") << QByteArray("/api/v1/sources/nothing")
                                        << QByteArray("{\"url\":\"demo\"}") << 404;
        QTest::newRow("remove unknown") << QByteArray("DELETE") << QByteArray("/api/v1/sources/nothing") << QByteArray()
                                        << 404;
        QTest::newRow("method on list") << QByteArray("DELETE") << src << QByteArray() << 405;
        QTest::newRow("method on one") << QByteArray("POST") << QByteArray("/api/v1/sources/x") << QByteArray("{}")
                                       << 405;
        QTest::newRow("record unknown name") << QByteArray("POST") << QByteArray("/api/v1/recordings")
                                             << QByteArray("{\"sourceName\":\"nothing\"}") << 404;
        QTest::newRow("source and name") << QByteArray("POST") << QByteArray("/api/v1/recordings")
                                         << QByteArray("{\"source\":\"demo\",\"sourceName\":\"x\"}") << 400;
    }
    void namedSources()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        const HttpReply r = m_svc.request(method, path, body);
        QCOMPARE(r.status, status);
        QVERIFY2(!r.json().value(QStringLiteral("error")).toString().isEmpty(), r.body.constData());
    }

    void namedSourceSecretsStayOnTheServer()
    {
        // The event stream first: "source" events must not carry secrets either.
        QTcpSocket events;
        events.connectToHost(QStringLiteral("127.0.0.1"), m_svc.port);
        QVERIFY(events.waitForConnected(30000));
        events.write("GET /api/v1/events HTTP/1.1\r\nAuthorization: Bearer " + m_svc.token + "\r\n\r\n");
        QByteArray seen;
        QDeadlineTimer head(60000);
        while (!seen.contains("event: snapshot") && !head.hasExpired())
            if (events.waitForReadyRead(1000))
                seen += events.readAll();

        const QByteArray closed = QByteArray::number(freeTcpPort());
        const QByteArray url = "rtmp://alice:s3cretPW@127.0.0.1:" + closed + "/live/streamkey?token=t0kenVALUE";
        HttpReply r = m_svc.request("POST", "/api/v1/sources",
                                    "{\"name\":\"cam1\",\"url\":\"" + url + "\",\"type\":\"flv\",\"chunk\":60}");
        QCOMPARE(r.status, 201);
        QVERIFY(r.head.contains("Location: /api/v1/sources/cam1"));
        QJsonObject j = r.json();
        QCOMPARE(j.value(QStringLiteral("name")).toString(), QStringLiteral("cam1"));
        QCOMPARE(j.value(QStringLiteral("hasSecret")).toBool(), true);
        QCOMPARE(j.value(QStringLiteral("type")).toString(), QStringLiteral("flv"));
        QCOMPARE(j.value(QStringLiteral("chunk")).toDouble(), 60.0);
        QVERIFY(j.value(QStringLiteral("url")).toString().contains(QLatin1String("127.0.0.1:") + closed));
        QByteArray everything = r.body;
        r = m_svc.request("POST", "/api/v1/sources",
                          "{\"name\":\"srt1\",\"url\":\"srt://127.0.0.1:" + closed
                              + "?mode=caller&passphrase=PaSsPhRaSe1234\"}");
        QCOMPARE(r.status, 201);
        everything += r.body;
        r = m_svc.request("POST", "/api/v1/sources", "{\"name\":\"cam1\",\"url\":\"demo\"}");
        QCOMPARE(r.status, 409);

        // Kept on the server, readable by its owner only.
        const QString file = m_svc.dir + QStringLiteral("/sources.json");
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(file).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        auto stored = [&] {
            QFile f(file);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        QVERIFY(stored().contains("s3cretPW") && stored().contains("PaSsPhRaSe1234"));

        // Sending back the address as shown keeps the secret; PATCH changes one field.
        const QString shown = j.value(QStringLiteral("url")).toString();
        r = m_svc.request("PUT", "/api/v1/sources/cam1",
                          QJsonDocument(QJsonObject{{QStringLiteral("url"), shown}}).toJson());
        QCOMPARE(r.status, 200);
        QVERIFY(stored().contains("s3cretPW"));
        r = m_svc.request("PATCH", "/api/v1/sources/cam1", "{\"chunk\":null}");
        QCOMPARE(r.status, 200);
        QVERIFY(!r.json().contains(QStringLiteral("chunk")));
        QCOMPARE(r.json().value(QStringLiteral("type")).toString(), QStringLiteral("flv"));
        everything += r.body;
        r = m_svc.request("PUT", "/api/v1/sources/cam1", "{\"name\":\"cam2\"}");
        QCOMPARE(r.status, 400); // no renaming

        // Recorded by name: it tries the stored address (nothing listens there).
        r = m_svc.request("POST", "/api/v1/recordings",
                          "{\"sourceName\":\"cam1\",\"wait\":true,\"out\":\"named/cam1\"}");
        QCOMPARE(r.status, 201);
        const QString id = r.json().value(QStringLiteral("id")).toString();
        QCOMPARE(r.json().value(QStringLiteral("sourceName")).toString(), QStringLiteral("cam1"));
        QCOMPARE(r.json().value(QStringLiteral("type")).toString(), QStringLiteral("flv"));
        everything += r.body;
        QTest::qWait(1500); // let it try (and fail) to connect
        everything += m_svc.request("GET", "/api/v1/sources").body + m_svc.request("GET", "/api/v1/sources/cam1").body
            + m_svc.request("GET", "/api/v1/sources/srt1").body + m_svc.request("GET", "/api/v1/recordings").body
            + m_svc.request("GET", "/metrics").body + m_svc.request("GET", "/evostream/listRecords").body;
        QVERIFY(stopAndWait(id));
        QCOMPARE(m_svc.request("DELETE", "/api/v1/sources/srt1").status, 200);
        QCOMPARE(m_svc.request("GET", "/api/v1/sources/srt1").status, 404);
        QDeadlineTimer deadline(30000);
        while (!seen.contains("\"deleted\":true") && !deadline.hasExpired())
            if (events.waitForReadyRead(1000))
                seen += events.readAll();
        QVERIFY2(seen.contains("event: source") && seen.contains("\"name\":\"cam1\""), seen.right(2000).constData());
        QVERIFY(seen.contains("\"deleted\":true"));
        everything += seen + m_svc.stderrText();
        QVERIFY(m_svc.request("GET", "/metrics").body.contains("\ntapedeck_sources 1\n"));
        for (const char *secret : {"s3cretPW", "t0kenVALUE", "PaSsPhRaSe1234"})
            QVERIFY2(!everything.contains(secret), secret);
        QVERIFY(everything.contains("source cam1 created")); // the log names the source
    }

    void recordANamedSource()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        HttpReply r =
            m_svc.request("POST", "/api/v1/sources", "{\"name\":\"studio-demo\",\"url\":\"demo\",\"type\":\"mp4\"}");
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(QStringLiteral("hasSecret")).toBool(), false);
        const QString id = startDemo("{\"sourceName\":\"studio-demo\",\"out\":\"named/demo\"}");
        QVERIFY(!id.isEmpty());
        QVERIFY(m_svc.waitFor(
            id, [](const QJsonObject &o) { return o.value(QStringLiteral("mediaSeconds")).toDouble() >= 2; }));
        QVERIFY(stopAndWait(id));
        const QString path = m_svc.dir + QStringLiteral("/recordings/named/demo.mp4"); // the source's type
        QVERIFY(QFile::exists(path));
        QCOMPARE(ffmpegDecodeErrors(path), QString());
        QCOMPARE(m_svc.request("DELETE", "/api/v1/sources/studio-demo").status, 200);
    }

    void previewsOfKeyframes()
    {
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        // Off unless asked for (a keyframe decode a second per recording).
        const QString off = startDemo("{\"source\":\"demo\",\"type\":\"ts\",\"out\":\"preview/off\"}");
        QVERIFY(!off.isEmpty());
        HttpReply r = m_svc.request("GET", "/api/v1/recordings/" + off.toUtf8() + "/preview");
        QCOMPARE(r.status, 404);
        QVERIFY(r.json().value(QStringLiteral("error")).toString().contains(QLatin1String("--previews")));
        QVERIFY(stopAndWait(off));

        QTemporaryDir dir;
        ServiceProcess svc;
        const QString why = svc.start(dir.filePath(QStringLiteral("svc")), {QStringLiteral("--previews")});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        r = svc.request("POST", "/api/v1/recordings", "{\"source\":\"demo\",\"type\":\"mp4\",\"out\":\"p\"}");
        QCOMPARE(r.status, 201);
        const QString id = r.json().value(QStringLiteral("id")).toString();
        QVERIFY(svc.waitFor(id, [](const QJsonObject &o) { return o.value(QStringLiteral("preview")).toInt() >= 1; }));
        r = svc.request("GET", "/api/v1/recordings/" + id.toUtf8() + "/preview");
        QCOMPARE(r.status, 200);
        QVERIFY(r.head.contains("Content-Type: image/png"));
        QVERIFY(r.body.startsWith("\x89PNG\r\n\x1a\n"));
        // An independent reader decodes it, and sees the picture's size.
        const QString png = dir.filePath(QStringLiteral("preview.png"));
        QFile f(png);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(r.body);
        f.close();
        QCOMPARE(ffmpegDecodeErrors(png), QString());
        const QJsonObject stream = QJsonDocument::fromJson(ffprobeJson(png))
                                       .object()
                                       .value(QStringLiteral("streams"))
                                       .toArray()
                                       .first()
                                       .toObject();
        QCOMPARE(stream.value(QStringLiteral("codec_name")).toString(), QStringLiteral("png"));
        QVERIFY(stream.value(QStringLiteral("width")).toInt() > 0
                && stream.value(QStringLiteral("height")).toInt() > 0);
        // Asked again: a picture again. (Whether it is the same one depends
        // on whether a second has passed: not something to assert on a
        // loaded machine.)
        QVERIFY(
            svc.request("GET", "/api/v1/recordings/" + id.toUtf8() + "/preview").body.startsWith("\x89PNG\r\n\x1a\n"));
        QCOMPARE(svc.request("POST", "/api/v1/recordings/" + id.toUtf8() + "/preview").status, 405);
        QCOMPARE(svc.request("GET", "/api/v1/recordings/r000000000000/preview").status, 404);
        QVERIFY(svc.request("DELETE", "/api/v1/recordings/" + id.toUtf8()).status == 200);
        QVERIFY(svc.terminate());
    }

    void filesOwnedByARecordingStay()
    {
        const QString id = startDemo("{\"source\":\"demo\",\"type\":\"ts\",\"out\":\"files/live\"}");
        QVERIFY(!id.isEmpty());
        QVERIFY(
            m_svc.waitFor(id, [](const QJsonObject &o) { return o.value(QStringLiteral("bytes")).toDouble() > 0; }));
        HttpReply r = m_svc.request("GET", "/api/v1/files");
        QCOMPARE(r.status, 200);
        bool listedInUse = false;
        for (const QJsonValue &v : r.json().value(QStringLiteral("files")).toArray())
            if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("files/live.ts"))
                listedInUse = v.toObject().value(QStringLiteral("inUse")).toBool();
        QVERIFY(listedInUse);
        r = m_svc.request("DELETE", "/api/v1/files/files/live.ts");
        QCOMPARE(r.status, 423);
        QVERIFY(QFile::exists(m_svc.dir + QStringLiteral("/recordings/files/live.ts")));
        QVERIFY(stopAndWait(id));
        r = m_svc.request("DELETE", "/api/v1/files/files/live.ts");
        QCOMPARE(r.status, 200);
        QVERIFY(!QFile::exists(m_svc.dir + QStringLiteral("/recordings/files/live.ts")));
    }

    void tokenFromAFile()
    {
        // As a Kubernetes Secret mounts it: read-only, owned by someone else.
        QTemporaryDir dir;
        const QString tokenFile = dir.filePath(QStringLiteral("secret-token"));
        QFile f(tokenFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("external-token-123456\n");
        f.close();
        QFile::setPermissions(tokenFile, QFile::ReadOwner);
        ServiceProcess svc;
        QString why = svc.start(dir.filePath(QStringLiteral("svc")), {QStringLiteral("--token-file"), tokenFile});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(svc.request("GET", "/api/v1/health", {}, QByteArray("external-token-123456")).status, 200);
        QCOMPARE(svc.request("GET", "/api/v1/health", {}, QByteArray("external-token-12345")).status, 401);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("svc/token")))); // none made beside it
        QVERIFY(svc.terminate());
        // A missing file is an error at start, not a service nobody can use.
        const ToolResult r =
            runTool(QStringLiteral(TAPEDECK_CLI_BIN),
                    {QStringLiteral("serve"), QStringLiteral("--dir"), dir.filePath(QStringLiteral("svc")),
                     QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--token-file"),
                     dir.filePath(QStringLiteral("nothing"))},
                    60000);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("missing or empty"));
    }

    void warnsBeyondLoopbackWithoutTls()
    {
        ServiceProcess open;
        QTemporaryDir dir;
        const QString why =
            open.start(dir.filePath(QStringLiteral("open")), {QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0")});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(open.request("GET", "/api/v1/health").status, 200);
        QVERIFY(open.terminate());
        QVERIFY(open.stderrText().contains("WARNING: listening on 0.0.0.0:0 WITHOUT TLS"));
        QVERIFY(!m_svc.stderrText().contains("WARNING")); // not on loopback
    }

    void tls()
    {
        TAPEDECK_REQUIRE_TOOL("openssl");
        QTemporaryDir dir;
        const QString cert = dir.filePath(QStringLiteral("cert.pem")), key = dir.filePath(QStringLiteral("key.pem"));
        const ToolResult made = runTool(
            QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
             QStringLiteral("-nodes"), QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert,
             QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost")},
            60000);
        QCOMPARE(made.exitCode, 0);
        ServiceProcess svc;
        const QString why = svc.start(dir.filePath(QStringLiteral("tls")),
                                      {QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), key});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QVERIFY(svc.hello.value(QStringLiteral("listening")).toString().startsWith(QLatin1String("https://")));
        // Plain HTTP gets no HTTP answer from a TLS port.
        QCOMPARE(svc.request("GET", "/api/v1/health").status, 0);
        QSslSocket s;
        QSslConfiguration config = s.sslConfiguration();
        config.setCaCertificates(QSslCertificate::fromPath(cert));
        s.setSslConfiguration(config);
        s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), svc.port, QStringLiteral("localhost"));
        QVERIFY2(s.waitForEncrypted(60000), qPrintable(s.errorString()));
        s.write("GET /api/v1/health HTTP/1.1\r\nConnection: close\r\nAuthorization: Bearer " + svc.token + "\r\n\r\n");
        QByteArray reply;
        while (s.waitForReadyRead(30000))
            reply += s.readAll();
        reply += s.readAll();
        QVERIFY2(reply.startsWith("HTTP/1.1 200 OK"), reply.constData());
        QVERIFY(reply.contains("\"status\":\"ok\""));
        QVERIFY(svc.terminate());
    }

    void orphansEndpoints()
    {
        HttpReply r = m_svc.request("GET", "/api/v1/orphans");
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().contains(QStringLiteral("orphans")));
        r = m_svc.request("POST", "/api/v1/orphans/recover");
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().value(QStringLiteral("results")).isArray());
    }
};

QTEST_GUILESS_MAIN(TestService)
#include "tst_service.moc"
