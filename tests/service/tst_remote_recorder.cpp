// The studio's client of a remote recorder (app/remote/RemoteRecorder)
// against a real `tapedeck-cli serve` on 127.0.0.1: it follows the event
// stream (no polling), starts and stops recordings, lists files, orphans and
// sources, and when the recorder is killed (SIGKILL) it says "unreachable",
// the recording goes on after the restart, and the client catches up.
#include "ServiceClient.h"
#include "TestSupport.h"
#include "app/remote/RemoteRecorder.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace testsupport;
using tapedeck::remote::RemoteRecorder;
using tapedeck::remote::RemoteReply;

namespace {

// Runs a request and waits (bounded) for its answer.
RemoteReply await(const std::function<void(QObject *, RemoteRecorder::Callback)> &call)
{
    QObject context;
    std::optional<RemoteReply> got;
    call(&context, [&](const RemoteReply &r) { got = r; });
    QDeadlineTimer deadline(120000);
    while (!got && !deadline.hasExpired())
        QTest::qWait(50);
    return got.value_or(RemoteReply{});
}

QUrl urlOf(const ServiceProcess &svc) { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(svc.port)); }

} // namespace

class TestRemoteRecorder : public QObject {
    Q_OBJECT

private slots:
    void aSecretIsKeptOnTheRecorderOnceAndRecordedByName();
    void aSecretIsNotSentWithoutTls();
    void splitMarkersAndDiskOfARemoteRecording();

    void badTokenIsUnreachableWithAReason()
    {
        QTemporaryDir tmp;
        ServiceProcess svc;
        const QString why = svc.start(tmp.filePath(QStringLiteral("svc")));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        RemoteRecorder client(urlOf(svc), "wrong-token");
        client.connectToRecorder();
        QTRY_VERIFY_WITH_TIMEOUT(client.link() == RemoteRecorder::Link::Unreachable, 60000);
        QVERIFY2(client.linkError().contains(QLatin1String("token")), qPrintable(client.linkError()));
        const RemoteReply r = await([&](QObject *c, RemoteRecorder::Callback cb) { client.listFiles(c, cb); });
        QCOMPARE(r.status, 401);
        client.disconnectFromRecorder();
        QVERIFY(svc.terminate());
    }

    void followsStartsStopsAndCatchesUpAfterAKill()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("svc"));
        ServiceProcess svc;
        QString why = svc.start(dir);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        const quint16 port = svc.port;

        RemoteRecorder client(urlOf(svc), svc.token);
        QSignalSpy links(&client, &RemoteRecorder::linkChanged);
        QSignalSpy figures(&client, &RemoteRecorder::figuresChanged);
        client.connectToRecorder();
        QTRY_VERIFY_WITH_TIMEOUT(client.link() == RemoteRecorder::Link::Online, 60000);

        RemoteReply r = await([&](QObject *c, RemoteRecorder::Callback cb) {
            client.startRecording(QJsonObject{{QStringLiteral("source"), QStringLiteral("demo")},
                                              {QStringLiteral("type"), QStringLiteral("mp4")},
                                              {QStringLiteral("out"), QStringLiteral("remote/one")}},
                                  c, cb);
        });
        QCOMPARE(r.status, 201);
        const QString id = r.json.value(QStringLiteral("id")).toString();
        QVERIFY(!id.isEmpty());
        // Figures arrive through the event stream: this test never asks for them.
        auto mediaSeconds = [&] {
            return client.recordings().value(id).value(QStringLiteral("mediaSeconds")).toDouble();
        };
        QTRY_VERIFY_WITH_TIMEOUT(mediaSeconds() >= 2, 120000);
        QCOMPARE(client.recordings().value(id).value(QStringLiteral("state")).toString(), QStringLiteral("recording"));
        QVERIFY(client.recordings().value(id).value(QStringLiteral("bytes")).toDouble() > 0);
        QVERIFY(figures.count() >= 2);

        // The recorder dies: the client says so and keeps trying.
        svc.kill();
        QTRY_VERIFY_WITH_TIMEOUT(client.link() == RemoteRecorder::Link::Unreachable, 60000);
        QVERIFY(!client.linkError().isEmpty());
        QTest::qWait(2500); // a few failed attempts: the pause grows
        QVERIFY(client.retryDelayMs() > 1000);
        QCOMPARE(client.link(), RemoteRecorder::Link::Unreachable);

        // Back on the same port: it resumed the recording into a new file,
        // and the client catches up from the fresh snapshot.
        why = svc.start(dir, {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port)});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(svc.port, port);
        QTRY_VERIFY_WITH_TIMEOUT(client.link() == RemoteRecorder::Link::Online, 120000);
        QTRY_VERIFY_WITH_TIMEOUT(client.recordings().value(id).value(QStringLiteral("resumes")).toInt() == 1, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(mediaSeconds() >= 1, 120000);

        r = await([&](QObject *c, RemoteRecorder::Callback cb) { client.stopRecording(id, c, cb); });
        QCOMPARE(r.status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(client.recordings().value(id).value(QStringLiteral("state")).toString(),
                                  QStringLiteral("finished"), 120000);

        // Files and orphans over the API: the killed run was recovered at start.
        r = await([&](QObject *c, RemoteRecorder::Callback cb) { client.listFiles(c, cb); });
        QCOMPARE(r.status, 200);
        QStringList names;
        for (const QJsonValue &v : r.json.value(QStringLiteral("files")).toArray())
            names << v.toObject().value(QStringLiteral("name")).toString();
        QVERIFY2(names.contains(QStringLiteral("remote/one.mp4")), qPrintable(names.join(u',')));
        QVERIFY2(names.contains(QStringLiteral("remote/one_r1.mp4")), qPrintable(names.join(u',')));
        for (const QString &n : names)
            QCOMPARE(ffmpegDecodeErrors(dir + QStringLiteral("/recordings/") + n), QString());
        r = await([&](QObject *c, RemoteRecorder::Callback cb) { client.listOrphans(c, cb); });
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("orphans")).toArray().size(), 0);
        QCOMPARE(r.json.value(QStringLiteral("lastRecovery")).toArray().size(), 1); // the killed run's MP4
        r = await([&](QObject *c, RemoteRecorder::Callback cb) { client.recoverOrphans(c, cb); });
        QCOMPARE(r.status, 200);
        r = await([&](QObject *c, RemoteRecorder::Callback cb) { client.listSources(c, cb); });
        QCOMPARE(r.status, 200);
        QVERIFY(r.json.value(QStringLiteral("sources")).isArray());

        client.disconnectFromRecorder();
        QCOMPARE(client.link(), RemoteRecorder::Link::Offline);
        QVERIFY(svc.terminate());
    }
};

void TestRemoteRecorder::aSecretIsKeptOnTheRecorderOnceAndRecordedByName()
{
    QTemporaryDir tmp;
    ServiceProcess svc;
    const QString why = svc.start(tmp.filePath(QStringLiteral("svc")));
    QVERIFY2(why.isEmpty(), qPrintable(why));
    WireTap tap(svc.port);
    RemoteRecorder client(tap.url(), svc.token);
    QVERIFY(client.secureLink()); // loopback
    const QByteArray password = "Pass-Word-4711", key = "StreamKey-0815";
    const QString spec = QStringLiteral("rtmp://alice:%1@127.0.0.1:9/live/%2")
                             .arg(QString::fromLatin1(password), QString::fromLatin1(key));
    // "record when live": it waits there for a stream that never comes.
    const QJsonObject options{{QStringLiteral("type"), QStringLiteral("mp4")}, {QStringLiteral("wait"), true}};
    QStringList asked;
    auto answer = [&](bool yes) {
        return [&asked, yes](const QString &name, std::function<void(bool)> reply) {
            asked << name;
            reply(yes);
        };
    };
    auto startCam = [&](bool yes, const QString &label = QStringLiteral("Cam 1 (door)")) {
        return await([&](QObject *c, RemoteRecorder::Callback cb) {
            client.startSource({label, spec, options}, c, answer(yes), cb);
        });
    };

    // First time: asked once, stored once, recorded by name.
    RemoteReply r = startCam(true);
    QCOMPARE(r.status, 201);
    QCOMPARE(asked, QStringList{QStringLiteral("Cam-1-door")});
    QCOMPARE(r.json.value(QStringLiteral("sourceName")).toString(), QStringLiteral("Cam-1-door"));
    QCOMPARE(tap.sent.count(password), 1);
    QCOMPARE(tap.sent.count(key), 1);
    const QList<QJsonObject> stored = tap.bodiesOf("POST /api/v1/sources ");
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored[0].value(QStringLiteral("url")).toString(), spec);
    QList<QJsonObject> starts = tap.bodiesOf("POST /api/v1/recordings ");
    QCOMPARE(starts.size(), 1);
    QCOMPARE(starts[0].value(QStringLiteral("sourceName")).toString(), QStringLiteral("Cam-1-door"));
    QVERIFY(!starts[0].contains(QStringLiteral("source")));
    QCOMPARE(starts[0].value(QStringLiteral("type")).toString(), QStringLiteral("mp4"));
    const QString id = r.json.value(QStringLiteral("id")).toString();
    QCOMPARE(await([&](QObject *c, RemoteRecorder::Callback cb) { client.stopRecording(id, c, cb); }).status, 200);

    // Again: the recorder keeps it; not asked, nothing secret sent.
    tap.sent.clear();
    r = startCam(true);
    QCOMPARE(r.status, 201);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(r.json.value(QStringLiteral("sourceName")).toString(), QStringLiteral("Cam-1-door"));
    QVERIFY(!tap.sent.contains(password) && !tap.sent.contains(key));
    QVERIFY(tap.bodiesOf("POST /api/v1/sources ").isEmpty());
    starts = tap.bodiesOf("POST /api/v1/recordings ");
    QCOMPARE(starts.size(), 1);
    QCOMPARE(starts[0].value(QStringLiteral("sourceName")).toString(), QStringLiteral("Cam-1-door"));
    QCOMPARE(await([&](QObject *c, RemoteRecorder::Callback cb) {
                 client.stopRecording(r.json.value(QStringLiteral("id")).toString(), c, cb);
             }).status,
             200);

    // Declined (another label, so another name): nothing is sent at all.
    tap.sent.clear();
    r = startCam(false, QStringLiteral("Back door"));
    QCOMPARE(r.status, RemoteReply::kNotSent);
    QCOMPARE(asked.last(), QStringLiteral("Back-door"));
    QVERIFY2(r.error.contains(QLatin1String("stays on this computer")), qPrintable(r.error));
    QVERIFY(!tap.sent.contains(password) && !tap.sent.contains(key));
    QVERIFY(tap.bodiesOf("POST ").isEmpty());

    // Without a secret the address is sent as it is (nothing to hide).
    r = await([&](QObject *c, RemoteRecorder::Callback cb) {
        client.startSource({QStringLiteral("Demo"), QStringLiteral("demo"), options}, c, answer(false), cb);
    });
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value(QStringLiteral("source")).toString(), QStringLiteral("demo"));
    QCOMPARE(asked.size(), 2);
    QCOMPARE(await([&](QObject *c, RemoteRecorder::Callback cb) {
                 client.stopRecording(r.json.value(QStringLiteral("id")).toString(), c, cb);
             }).status,
             200);

    // The secret is on the recorder (0600 file) but in none of its replies or logs.
    const HttpReply list = svc.request("GET", "/api/v1/sources");
    QVERIFY(!list.body.contains(password) && !list.body.contains(key));
    QVERIFY(list.body.contains("\"hasSecret\":true"));
    QVERIFY(svc.terminate());
    const QByteArray log = svc.stderrText();
    QVERIFY(!log.contains(password) && !log.contains(key));
}

void TestRemoteRecorder::aSecretIsNotSentWithoutTls()
{
    // Not loopback, not https: refused here, before any connection.
    RemoteRecorder client(QUrl(QStringLiteral("http://recorder.invalid:8417")), "token");
    QVERIFY(!client.secureLink());
    bool asked = false;
    const RemoteReply r = await([&](QObject *c, RemoteRecorder::Callback cb) {
        client.startSource(
            {QStringLiteral("Door"), QStringLiteral("rtsp://bob:Secret-Door-1@cam.example/door"), QJsonObject{}}, c,
            [&](const QString &, std::function<void(bool)> reply) { asked = true, reply(true); }, cb);
    });
    QCOMPARE(r.status, RemoteReply::kNotSent);
    QVERIFY(!asked);
    QVERIFY2(r.error.contains(QLatin1String("TLS")) && r.error.contains(QLatin1String("Door")), qPrintable(r.error));
    QVERIFY(!r.error.contains(QLatin1String("Secret-Door-1")));
    QVERIFY(RemoteRecorder(QUrl(QStringLiteral("https://recorder.example:8417")), "t").secureLink());
    QVERIFY(RemoteRecorder(QUrl(QStringLiteral("http://[::1]:8417")), "t").secureLink());
    QCOMPARE(RemoteRecorder::sourceNameFor(QStringLiteral("  Kamera Tür / 2 ")), QStringLiteral("Kamera-T-r-2"));
    QCOMPARE(RemoteRecorder::sourceNameFor(QStringLiteral("ßß")), QStringLiteral("source"));
}

void TestRemoteRecorder::splitMarkersAndDiskOfARemoteRecording()
{
    TAPEDECK_REQUIRE_TOOL("ffprobe");
    QTemporaryDir tmp;
    ServiceProcess svc;
    const QString why = svc.start(tmp.filePath(QStringLiteral("svc")));
    QVERIFY2(why.isEmpty(), qPrintable(why));
    RemoteRecorder client(urlOf(svc), svc.token);
    client.connectToRecorder();
    QTRY_VERIFY_WITH_TIMEOUT(client.link() == RemoteRecorder::Link::Online, 60000);

    // Not there / not recording: plain 404 and 409.
    RemoteReply r =
        await([&](QObject *c, RemoteRecorder::Callback cb) { client.splitRecording(QStringLiteral("r0"), c, cb); });
    QCOMPARE(r.status, 404);
    r = await([&](QObject *c, RemoteRecorder::Callback cb) {
        client.startRecording(QJsonObject{{QStringLiteral("source"), QStringLiteral("demo")},
                                          {QStringLiteral("type"), QStringLiteral("mp4")},
                                          {QStringLiteral("out"), QStringLiteral("cut/take")}},
                              c, cb);
    });
    QCOMPARE(r.status, 201);
    const QString id = r.json.value(QStringLiteral("id")).toString();
    auto live = [&] { return client.recordings().value(id); };
    QTRY_VERIFY_WITH_TIMEOUT(live().value(QStringLiteral("mediaSeconds")).toDouble() >= 2, 120000);

    // The recorder's disk, in the figures of the event stream.
    QTRY_VERIFY_WITH_TIMEOUT(live().value(QStringLiteral("disk")).isObject(), 60000);
    const QJsonObject disk = live().value(QStringLiteral("disk")).toObject();
    QVERIFY(disk.value(QStringLiteral("freeBytes")).toDouble() > 0);
    QVERIFY(disk.contains(QStringLiteral("secondsLeft")) && disk.contains(QStringLiteral("reserveBytes")));
    QTRY_VERIFY_WITH_TIMEOUT(
        live().value(QStringLiteral("disk")).toObject().value(QStringLiteral("secondsLeft")).toDouble() > 0, 60000);

    r = await([&](QObject *c, RemoteRecorder::Callback cb) { client.addMarker(id, QStringLiteral("Goal"), c, cb); });
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value(QStringLiteral("name")).toString(), QStringLiteral("Goal"));
    QVERIFY(r.json.value(QStringLiteral("at")).toDouble() >= 2);
    r = await([&](QObject *c, RemoteRecorder::Callback cb) { client.splitRecording(id, c, cb); });
    QCOMPARE(r.status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(svc.recording(id).value(QStringLiteral("files")).toArray().size() == 1, 120000);
    QTRY_VERIFY_WITH_TIMEOUT(live().value(QStringLiteral("chunk")).toInt() == 1, 60000);
    r = await([&](QObject *c, RemoteRecorder::Callback cb) { client.addMarker(id, QString(), c, cb); });
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value(QStringLiteral("name")).toString(), QStringLiteral("Marker 2"));
    // Bad requests are told why.
    QCOMPARE(svc.request("GET", "/api/v1/recordings/" + id.toUtf8() + "/split").status, 405);
    QCOMPARE(svc.request("POST", "/api/v1/recordings/" + id.toUtf8() + "/markers", "{\"name\":5}").status, 400);
    QCOMPARE(svc.request("POST", "/api/v1/recordings/" + id.toUtf8() + "/markers", "{\"at\":5}").status, 400);
    QTest::qWait(1500); // the second file gets some media after its marker

    r = await([&](QObject *c, RemoteRecorder::Callback cb) { client.stopRecording(id, c, cb); });
    QCOMPARE(r.status, 200);
    QVERIFY(svc.waitFor(
        id, [](const QJsonObject &o) { return o.value(QStringLiteral("state")).toString() == u"finished"; }));
    r = await([&](QObject *c, RemoteRecorder::Callback cb) { client.splitRecording(id, c, cb); });
    QCOMPARE(r.status, 409);
    QVERIFY2(r.error.contains(QLatin1String("not recording")), qPrintable(r.error));
    QVERIFY(!svc.recording(id).contains(QStringLiteral("disk"))); // ended: no disk figures

    // Two files, each with its marker as a chapter, both decoding cleanly.
    const QJsonArray files = svc.recording(id).value(QStringLiteral("files")).toArray();
    QCOMPARE(files.size(), 2);
    const QStringList expected{QStringLiteral("Goal"), QStringLiteral("Marker 2")};
    for (int i = 0; i < 2; ++i) {
        const QString path = files[i].toString();
        QCOMPARE(ffmpegDecodeErrors(path), QString());
        const ToolResult probe =
            runTool(QStringLiteral("ffprobe"),
                    {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_chapters"),
                     QStringLiteral("-of"), QStringLiteral("json"), path});
        QCOMPARE(probe.exitCode, 0);
        // A file with markers also has a chapter from its start ("recording").
        QStringList titles;
        for (const QJsonValue &c :
             QJsonDocument::fromJson(probe.out).object().value(QStringLiteral("chapters")).toArray())
            titles << c.toObject().value(QStringLiteral("tags")).toObject().value(QStringLiteral("title")).toString();
        QVERIFY2(titles.contains(expected[i]) && !titles.contains(expected[1 - i]), qPrintable(titles.join(u',')));
    }
    client.disconnectFromRecorder();
    QVERIFY(svc.terminate());
}

QTEST_GUILESS_MAIN(TestRemoteRecorder)
#include "tst_remote_recorder.moc"
