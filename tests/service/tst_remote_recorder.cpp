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

QTEST_GUILESS_MAIN(TestRemoteRecorder)
#include "tst_remote_recorder.moc"
