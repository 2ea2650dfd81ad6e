// tapedeck-cli serve: the recorder service (docs/service.md).

#include "app/Cli.h"
#include "app/service/HttpServer.h"
#include "app/service/Recorder.h"
#include "app/service/ServiceApi.h"
#include "app/service/ServiceStore.h"
#include "core/base/Redact.h"
#include "core/io/Paths.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace tapedeck::cli {
namespace {

using namespace tapedeck::service;

constexpr int kDefaultPort = 8417;
// SIGTERM: files are finished within this (Kubernetes waits 30 s by default
// before its SIGKILL; the rest is margin for the process to exit).
constexpr int kDefaultStopSeconds = 20;

std::atomic<int> g_signals{0};

void onSignal(int)
{
    // A third signal: leave at once; the sidecars keep every file recoverable.
    if (g_signals.fetch_add(1) >= 2)
        _exit(130);
}

void say(const QString &line)
{
    const QByteArray b = (QStringLiteral("tapedeck serve: ") + redactText(line) + u'\n').toUtf8();
    std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
    std::fflush(stderr);
}

bool parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const int p = text.mid(colon + 1).toInt(&ok);
    if (!ok || p < 0 || p > 65535)
        return false;
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    if (!address->setAddress(host))
        return false;
    *port = quint16(p);
    return true;
}

} // namespace

ExitCode runServe(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Run the recorder service: an HTTP + JSON API (docs/service.md)."));
    const QCommandLineOption listenOpt(QStringLiteral("listen"),
                                       QStringLiteral("address and port to listen on (port 0: any free one)"),
                                       QStringLiteral("addr:port"), QStringLiteral("127.0.0.1:%1").arg(kDefaultPort));
    const QCommandLineOption dirOpt(QStringLiteral("dir"),
                                    QStringLiteral("the service's folder: token, desired state, recordings/"),
                                    QStringLiteral("dir"));
    const QCommandLineOption rotateOpt(
        QStringLiteral("rotate-token"),
        QStringLiteral("write a new token (a running service takes it at once) and exit"));
    const QCommandLineOption tokenFileOpt(
        QStringLiteral("token-file"),
        QStringLiteral("read the token from this file (a Kubernetes Secret...) instead of DIR/token"),
        QStringLiteral("file"));
    const QCommandLineOption certOpt(QStringLiteral("tls-cert"), QStringLiteral("PEM certificate (chain) for HTTPS"),
                                     QStringLiteral("file"));
    const QCommandLineOption keyOpt(QStringLiteral("tls-key"), QStringLiteral("PEM private key for HTTPS"),
                                    QStringLiteral("file"));
    const QCommandLineOption stopOpt(
        QStringLiteral("stop-timeout"),
        QStringLiteral("on SIGTERM, seconds to finish every file before the rest is left recoverable"),
        QStringLiteral("seconds"), QString::number(kDefaultStopSeconds));
    const QCommandLineOption previewsOpt(
        QStringLiteral("previews"),
        QStringLiteral("decode one keyframe a second of each recording for GET /api/v1/recordings/ID/preview"));
    p.addOptions({listenOpt, dirOpt, rotateOpt, tokenFileOpt, certOpt, keyOpt, stopOpt, previewsOpt});
    p.addHelpOption();
    QString parseError;
    if (!parseArguments(p, QStringLiteral("tapedeck serve"), args, &parseError)) {
        say(parseError);
        return ExitCode::Usage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        std::fputs(p.helpText().toUtf8().constData(), stdout);
        return ExitCode::Ok;
    }
    if (!p.positionalArguments().isEmpty()) {
        say(QStringLiteral("takes no arguments besides options (see tapedeck-cli serve --help)"));
        return ExitCode::Usage;
    }
    const QString dir = p.isSet(dirOpt)
        ? p.value(dirOpt)
        : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/service");
    if (dir.isEmpty()) {
        say(QStringLiteral("--dir needs a folder"));
        return ExitCode::Usage;
    }
    ServiceStore store(dir);
    if (p.isSet(tokenFileOpt))
        store.setExternalTokenFile(p.value(tokenFileOpt));
    if (p.isSet(rotateOpt)) {
        if (Status s = store.rotateToken(); !s) {
            say(s.message());
            return ExitCode::Failed;
        }
        say(QStringLiteral("a new token is in %1 (mode 0600); the old one no longer works").arg(store.tokenPath()));
        return ExitCode::Ok;
    }
    QHostAddress address;
    quint16 port = 0;
    if (!parseListen(p.value(listenOpt), &address, &port)) {
        say(QStringLiteral("--listen wants ADDRESS:PORT, e.g. 127.0.0.1:%1 or [::1]:%1").arg(kDefaultPort));
        return ExitCode::Usage;
    }
    std::optional<TlsFiles> tls;
    if (p.isSet(certOpt) != p.isSet(keyOpt)) {
        say(QStringLiteral("--tls-cert and --tls-key go together"));
        return ExitCode::Usage;
    }
    if (p.isSet(certOpt))
        tls = TlsFiles{p.value(certOpt), p.value(keyOpt)};
    bool ok = false;
    const double stopSeconds = p.value(stopOpt).toDouble(&ok);
    if (!ok || !(stopSeconds > 0) || stopSeconds > 3600) {
        say(QStringLiteral("--stop-timeout takes seconds above 0 (at most 3600)"));
        return ExitCode::Usage;
    }

    bool tokenCreated = false;
    if (Status s = store.prepare(&tokenCreated); !s) {
        say(s.message());
        return ExitCode::Failed;
    }
    // One service per folder: two would resume the same recordings twice.
    const int lockFd = ::open(encodePath(store.lockPath()).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lockFd < 0 || ::flock(lockFd, LOCK_EX | LOCK_NB) != 0) {
        say(QStringLiteral("another service runs on %1").arg(store.dir()));
        return ExitCode::Failed;
    }
    if (tokenCreated)
        say(QStringLiteral("a new token was written to %1 (mode 0600)").arg(store.tokenPath()));

    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    Recorder recorder(store);
    recorder.setPreviews(p.isSet(previewsOpt));
    // First what an earlier run left behind (it was killed), then what
    // should be running: the resumed runs write new files beside them.
    const QJsonArray recovered = recorder.recoverOwnOrphans();
    if (!recovered.isEmpty())
        say(QStringLiteral("recovered %1 orphan(s) of an earlier run").arg(recovered.size()));
    const int resumed = recorder.resumeWanted();
    if (resumed > 0)
        say(QStringLiteral("resumed %1 recording(s)").arg(resumed));

    ServiceApi api(recorder);
    HttpServer server([&api](const HttpRequest &r) { return api.handle(r); });
    server.setStreamGreeting([&api] { return api.snapshotEvent(); });
    if (const QString e = server.listen(address, port, tls); !e.isEmpty()) {
        say(QStringLiteral("cannot listen on %1: %2").arg(p.value(listenOpt), e));
        recorder.shutdown(int(stopSeconds * 1000));
        return ExitCode::Failed;
    }
    const bool loopback = address.isLoopback();
    if (!loopback && !tls)
        say(QStringLiteral("WARNING: listening on %1 WITHOUT TLS: the token and every request cross the network "
                           "in clear text. Use --tls-cert/--tls-key, or listen on 127.0.0.1 behind a TLS proxy.")
                .arg(p.value(listenOpt)));
    QObject::connect(&recorder, &Recorder::event, &server, [&server](const QByteArray &name, const QJsonObject &data) {
        server.broadcast(name, QJsonDocument(data).toJson(QJsonDocument::Compact));
    });
    // Figures once a second: live numbers without polling, and a heartbeat
    // that tells a client its stream is still alive.
    QTimer figures;
    figures.setInterval(1000);
    QObject::connect(&figures, &QTimer::timeout, &server, [&] {
        if (server.streamCount() > 0)
            server.broadcast("figures", api.figuresJson());
    });
    figures.start();

    // One line on stdout for whoever started us (tests, scripts): where we are.
    const QJsonObject hello{
        {QStringLiteral("listening"),
         QStringLiteral("%1://%2:%3")
             .arg(tls ? QStringLiteral("https") : QStringLiteral("http"),
                  address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']'
                                                                      : address.toString())
             .arg(server.port())},
        {QStringLiteral("dir"), store.dir()},
        {QStringLiteral("tokenFile"), store.tokenPath()},
        {QStringLiteral("resumed"), resumed},
        {QStringLiteral("recovered"), recovered.size()}};
    std::printf("%s\n", QJsonDocument(hello).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);

    QTimer signalPoll;
    signalPoll.setInterval(100);
    QObject::connect(&signalPoll, &QTimer::timeout, &server, [&] {
        if (g_signals.load() == 0)
            return;
        signalPoll.stop();
        say(QStringLiteral("stopping: finishing every file (at most %1 s); the recordings resume at the next start")
                .arg(stopSeconds));
        server.close();
        const QStringList abandoned = recorder.shutdown(int(stopSeconds * 1000));
        for (const QString &a : abandoned)
            say(a);
        if (!abandoned.isEmpty()) {
            // A writer is stuck in the kernel: leave without running
            // destructors under its feet; its sidecars stay recoverable.
            std::fflush(stdout);
            std::fflush(stderr);
            std::_Exit(int(ExitCode::Failed));
        }
        say(QStringLiteral("stopped cleanly"));
        QCoreApplication::quit();
    });
    signalPoll.start();
    QCoreApplication::exec();
    return ExitCode::Ok;
}

} // namespace tapedeck::cli
