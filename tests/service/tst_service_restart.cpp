// The desired state survives the process: two services on loopback driven
// from one client; one is SIGKILLed mid-recording and started again: it
// recovers its orphan, resumes into a new file, and every file decodes with
// zero errors. The media gap is measured and printed (not asserted: the
// machine's load decides it). SIGTERM finishes every file and keeps the
// desired state; DELETE forgets it.
#include "ServiceClient.h"
#include "TestSupport.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace testsupport;

namespace {

QStringList filesUnder(const QString &dir, const QStringList &filters)
{
    QStringList out;
    QDirIterator it(dir, filters, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    out.sort();
    return out;
}

QStringList sidecarsUnder(const QString &dir)
{
    return filesUnder(dir, {QStringLiteral("*.info"), QStringLiteral("*.mdat"), QStringLiteral("*.track*")});
}

QStringList desiredIds(const QString &dir)
{
    QFile f(dir + QStringLiteral("/desired.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QStringList ids;
    for (const QJsonValue &v :
         QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("recordings")).toArray())
        ids << v.toObject().value(QStringLiteral("id")).toString();
    ids.sort();
    return ids;
}

bool isState(const QJsonObject &o, const char *state)
{
    return o.value(QStringLiteral("state")).toString() == QLatin1String(state);
}

} // namespace

class TestServiceRestart : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;

    static QString start(ServiceProcess &svc, const QByteArray &json)
    {
        const HttpReply r = svc.request("POST", "/api/v1/recordings", json);
        return r.status == 201 ? r.json().value(QStringLiteral("id")).toString() : QString();
    }

    static bool stop(ServiceProcess &svc, const QString &id)
    {
        return svc.request("DELETE", "/api/v1/recordings/" + id.toUtf8()).status == 200
            && svc.waitFor(id, [](const QJsonObject &o) { return isState(o, "finished") || isState(o, "failed"); });
    }

private slots:
    void sigkillRecoversAndResumes()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        ServiceProcess a, b;
        const QString dirA = m_tmp.filePath(QStringLiteral("a")), dirB = m_tmp.filePath(QStringLiteral("b"));
        QString why = a.start(dirA);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        why = b.start(dirB);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QVERIFY(a.port != b.port);

        const QString idA = start(a, "{\"source\":\"demo\",\"type\":\"mp4\",\"out\":\"cam\"}");
        const QString idB = start(b, "{\"source\":\"demo\",\"type\":\"mp4\",\"chunk\":2,\"out\":\"cam\"}");
        const qint64 startedA = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(!idA.isEmpty() && !idB.isEmpty());
        auto atLeast = [](double s) {
            return [s](const QJsonObject &o) { return o.value(QStringLiteral("mediaSeconds")).toDouble() >= s; };
        };
        QVERIFY(a.waitFor(idA, atLeast(3)));
        QVERIFY(b.waitFor(idB, atLeast(3)));

        a.kill();
        const qint64 killedAt = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(!sidecarsUnder(dirA).isEmpty()); // a crash leaves the crash-safe sidecars

        ServiceProcess a2;
        why = a2.start(dirA);
        const qint64 backAt = QDateTime::currentMSecsSinceEpoch();
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(a2.hello.value(QStringLiteral("recovered")).toInt(), 1);
        QCOMPARE(a2.hello.value(QStringLiteral("resumed")).toInt(), 1);
        // Its orphan was rebuilt (no sidecar left), and the same id records again, into cam_r1.
        QCOMPARE(QFileInfo::exists(dirA + QStringLiteral("/recordings/cam.mp4")), true);
        QJsonObject resumed = a2.recording(idA);
        QCOMPARE(resumed.value(QStringLiteral("resumes")).toInt(), 1);
        QCOMPARE(resumed.value(QStringLiteral("pathToFile")).toString(), dirA + QStringLiteral("/recordings/cam_r1"));
        QVERIFY(a2.waitFor(idA, atLeast(2)));
        const HttpReply orphans = a2.request("GET", "/api/v1/orphans");
        QCOMPARE(orphans.status, 200);
        QCOMPARE(orphans.json().value(QStringLiteral("lastRecovery")).toArray().size(), 1);
        QCOMPARE(orphans.json()
                     .value(QStringLiteral("lastRecovery"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("result"))
                     .toString(),
                 QStringLiteral("rebuilt"));

        // The other service never noticed.
        QVERIFY(b.recording(idB).value(QStringLiteral("resumes")).toInt() == 0);
        QVERIFY(isState(b.recording(idB), "recording"));

        QVERIFY(stop(a2, idA));
        const qint64 stoppedAt = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(stop(b, idB));
        QCOMPARE(desiredIds(dirA), QStringList());
        QCOMPARE(desiredIds(dirB), QStringList());

        QCOMPARE(sidecarsUnder(dirA), QStringList());
        QCOMPARE(sidecarsUnder(dirB), QStringList());
        const QStringList mediaA = filesUnder(dirA, {QStringLiteral("*.mp4")});
        const QStringList mediaB = filesUnder(dirB, {QStringLiteral("*.mp4")});
        QCOMPARE(mediaA.size(), 2);
        QVERIFY(mediaB.size() >= 2);
        for (const QString &f : mediaA + mediaB)
            QVERIFY2(ffmpegDecodeErrors(f).isEmpty(), qPrintable(f + QStringLiteral(": ") + ffmpegDecodeErrors(f)));

        // The gap: wall time between the end of the rebuilt first file and
        // the start of the resumed one (the demo source runs in real time).
        const double first = ffprobeDuration(dirA + QStringLiteral("/recordings/cam.mp4"));
        const double second = ffprobeDuration(dirA + QStringLiteral("/recordings/cam_r1.mp4"));
        QVERIFY(first > 0 && second > 0);
        const double firstEnd = double(startedA) / 1000.0 + first;
        const double secondStart = double(stoppedAt) / 1000.0 - second;
        qInfo("restart: down %.2f s (SIGKILL to serving again); media gap %.2f s "
              "(first file %.2f s, resumed file %.2f s); lost beyond the downtime: %.2f s",
              double(backAt - killedAt) / 1000.0, secondStart - firstEnd, first, second,
              (secondStart - firstEnd) - double(backAt - killedAt) / 1000.0);
    }

    void sigtermFinishesFilesAndKeepsDesiredState()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        const QString dir = m_tmp.filePath(QStringLiteral("term"));
        QStringList ids;
        {
            ServiceProcess svc;
            const QString why = svc.start(dir);
            QVERIFY2(why.isEmpty(), qPrintable(why));
            ids << start(svc, "{\"source\":\"demo\",\"type\":\"mp4\",\"chunk\":2,\"out\":\"one\"}")
                << start(svc, "{\"source\":\"demo\",\"type\":\"ts\",\"out\":\"two\"}")
                << start(svc, "{\"source\":\"demo\",\"type\":\"flv\",\"out\":\"three\"}");
            QVERIFY(!ids.contains(QString()));
            for (const QString &id : ids)
                QVERIFY(svc.waitFor(
                    id, [](const QJsonObject &o) { return o.value(QStringLiteral("mediaSeconds")).toDouble() >= 2; }));
            QVERIFY(svc.terminate(120000));
            QCOMPARE(svc.process.exitStatus(), QProcess::NormalExit);
            QCOMPARE(svc.process.exitCode(), 0);
            QVERIFY(svc.stderrText().contains("stopped cleanly"));
        }
        ids.sort();
        QCOMPARE(desiredIds(dir), ids);              // a node drain is not a "stop"
        QCOMPARE(sidecarsUnder(dir), QStringList()); // every file finished
        const QStringList media =
            filesUnder(dir, {QStringLiteral("*.mp4"), QStringLiteral("*.ts"), QStringLiteral("*.flv")});
        QVERIFY(media.size() >= 3);
        for (const QString &f : media)
            QVERIFY2(ffmpegDecodeErrors(f).isEmpty(), qPrintable(f));

        // Started again: all three resume; a DELETE forgets one for good.
        ServiceProcess svc;
        const QString why = svc.start(dir);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(svc.hello.value(QStringLiteral("resumed")).toInt(), 3);
        QCOMPARE(svc.hello.value(QStringLiteral("recovered")).toInt(), 0);
        QVERIFY(stop(svc, ids.first()));
        QCOMPARE(desiredIds(dir), ids.mid(1));
        QVERIFY(svc.terminate(120000));
        QCOMPARE(svc.process.exitCode(), 0);
        QCOMPARE(desiredIds(dir), ids.mid(1));
        for (const QString &f :
             filesUnder(dir, {QStringLiteral("*.mp4"), QStringLiteral("*.ts"), QStringLiteral("*.flv")}))
            QVERIFY2(ffmpegDecodeErrors(f).isEmpty(), qPrintable(f));
    }

    void unreadableDesiredStateIsKept()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("bad"));
        QVERIFY(QDir().mkpath(dir));
        QFile f(dir + QStringLiteral("/desired.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"version\":7,\"recordings\":[{\"from\":\"the future\"}]}");
        f.close();
        ServiceProcess svc;
        const QString why = svc.start(dir);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(svc.hello.value(QStringLiteral("resumed")).toInt(), 0);
        const QString id = start(svc, "{\"source\":\"demo\",\"type\":\"ts\",\"out\":\"new\"}");
        QVERIFY(!id.isEmpty());
        QCOMPARE(desiredIds(dir), QStringList{id});
        const QStringList aside = QDir(dir).entryList({QStringLiteral("desired.json.unreadable-*")});
        QCOMPARE(aside.size(), 1);
        QFile kept(dir + u'/' + aside.first());
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QVERIFY(kept.readAll().contains("the future"));
        QVERIFY(stop(svc, id));
        QVERIFY(svc.terminate());
        QVERIFY(svc.stderrText().contains("version 7"));
    }
    void namedSourcesSurviveAndResumeByName()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        const QString dir = m_tmp.filePath(QStringLiteral("named"));
        ServiceProcess svc;
        QString why = svc.start(dir);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        HttpReply r = svc.request("POST", "/api/v1/sources", "{\"name\":\"cam\",\"url\":\"demo\",\"type\":\"ts\"}");
        QCOMPARE(r.status, 201);
        const QString id = start(svc, "{\"sourceName\":\"cam\",\"out\":\"named\"}");
        QVERIFY(!id.isEmpty());
        QVERIFY(svc.waitFor(id, [](const QJsonObject &o) { return o.value(QStringLiteral("bytes")).toDouble() > 0; }));
        svc.kill();
        why = svc.start(dir);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        // The source is still there, and the recording resumed by its name.
        r = svc.request("GET", "/api/v1/sources/cam");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("type")).toString(), QStringLiteral("ts"));
        QVERIFY(svc.waitFor(id, [](const QJsonObject &o) {
            return o.value(QStringLiteral("resumes")).toInt() == 1 && o.value(QStringLiteral("bytes")).toDouble() > 0;
        }));
        QCOMPARE(svc.recording(id).value(QStringLiteral("sourceName")).toString(), QStringLiteral("cam"));
        QVERIFY(stop(svc, id));
        for (const QString &f : {QStringLiteral("named.ts"), QStringLiteral("named_r1.ts")})
            QCOMPARE(ffmpegDecodeErrors(dir + QStringLiteral("/recordings/") + f), QString());
        QVERIFY(svc.terminate());
    }

    // "wheneverLive": each time the stream is published a file of its own,
    // waiting in between; a restart resumes it armed (issue 13).
    void wheneverLiveResumesArmed()
    {
        TAPEDECK_REQUIRE_TOOL("nginx");
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        NginxRtmp nginx;
        TAPEDECK_START_PEER(nginx);
        QString why;
        const QString url = nginx.url(QStringLiteral("svc_alive"));
        const QString dir = m_tmp.filePath(QStringLiteral("alive"));
        ServiceProcess svc;
        why = svc.start(dir);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        // The window goes with wheneverLive only.
        QCOMPARE(svc.request("POST", "/api/v1/recordings", "{\"source\":\"demo\",\"reconnectWindow\":1}").status, 400);
        const QString id = start(svc,
                                 "{\"source\":\"" + url.toUtf8()
                                     + "\",\"type\":\"ts\",\"out\":\"alive\",\"wheneverLive\":true,"
                                       "\"reconnectWindow\":2}");
        QVERIFY(!id.isEmpty());
        QJsonObject o = svc.recording(id);
        QVERIFY(o.value(QStringLiteral("wheneverLive")).toBool());
        QVERIFY(o.value(QStringLiteral("waitForStream")).toBool());
        auto tookAndWaits = [](int takes) {
            return [takes](const QJsonObject &r) {
                return r.value(QStringLiteral("takes")).toInt() == takes && isState(r, "waiting");
            };
        };
        {
            FfmpegPublisher pub(url, QStringLiteral("flv"), 6);
            QVERIFY(pub.start());
            QVERIFY(svc.waitFor(id, [](const QJsonObject &r) { return isState(r, "recording"); }));
            QVERIFY(pub.waitFinished(60000));
        }
        QVERIFY(svc.waitFor(id, tookAndWaits(1)));
        const QString first = dir + QStringLiteral("/recordings/alive_take001.ts");
        QCOMPARE(svc.recording(id).value(QStringLiteral("files")).toArray().toVariantList().value(0).toString(), first);
        QVERIFY(svc.terminate(120000));
        QCOMPARE(desiredIds(dir), QStringList{id}); // armed is wanted: it resumes

        why = svc.start(dir);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(svc.hello.value(QStringLiteral("resumed")).toInt(), 1);
        QVERIFY(svc.waitFor(id, [](const QJsonObject &r) {
            return r.value(QStringLiteral("wheneverLive")).toBool() && r.value(QStringLiteral("resumes")).toInt() == 1
                && isState(r, "waiting");
        }));
        {
            FfmpegPublisher pub(url, QStringLiteral("flv"), 6);
            QVERIFY(pub.start());
            QVERIFY(pub.waitFinished(60000));
        }
        QVERIFY(svc.waitFor(id, tookAndWaits(1)));
        QVERIFY(stop(svc, id));
        const QString second = dir + QStringLiteral("/recordings/alive_r1_take001.ts");
        QCOMPARE(filesUnder(dir, {QStringLiteral("*.ts")}), (QStringList{second, first})); // sorted: _r1_ before _take
        QCOMPARE(sidecarsUnder(dir), QStringList());
        for (const QString &f : {first, second})
            QCOMPARE(ffmpegDecodeErrors(f), QString());
        QVERIFY(svc.terminate());
        QCOMPARE(desiredIds(dir), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestServiceRestart)
#include "tst_service_restart.moc"
