// N concurrent recordings in one Tapedeck engine — the process the
// cost-per-recording table measures (bench/compare/cost.py). It is the same
// tapedeck::Engine the app and `tapedeck record` use, given N RecordParams.
//
//   tapedeck_bench_multirecord --type mp4|ts|flv --out-dir DIR [--chunk SECONDS] SOURCE...
//
// Recording i writes DIR/rec<i>.<type>. Runs until SIGINT/SIGTERM (then stops
// every recording cleanly, so MP4s are finished) or until every source ended.
// Prints "ready" once all sessions were started, and one line per finished
// recording: "<i> <state> <bytes> <packets> <dropped>".

#include "core/record/Engine.h"

#include <QCoreApplication>
#include <QDir>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>

using namespace tapedeck;

namespace {
std::atomic<bool> g_stop{false};
void onSignal(int) { g_stop.store(true); }
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments();
    args.removeFirst();
    ContainerType type = ContainerType::Mp4;
    QString outDir = QDir::currentPath();
    qint64 chunkMs = 0;
    QStringList sources;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == u"--type" && i + 1 < args.size()) {
            auto t = parseContainerType(args[++i]);
            if (!t) {
                std::fprintf(stderr, "%s\n", qPrintable(t.message()));
                return 2;
            }
            type = *t;
        } else if (args[i] == u"--out-dir" && i + 1 < args.size()) {
            outDir = args[++i];
        } else if (args[i] == u"--chunk" && i + 1 < args.size()) {
            chunkMs = qint64(args[++i].toDouble() * 1000);
        } else {
            sources << args[i];
        }
    }
    if (sources.isEmpty()) {
        std::fprintf(stderr,
                     "usage: tapedeck_bench_multirecord --type mp4|ts|flv --out-dir DIR [--chunk SECONDS] "
                     "SOURCE...\n");
        return 2;
    }

    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);

    Engine engine;
    std::vector<int> ids;
    for (int i = 0; i < sources.size(); ++i) {
        RecordParams p;
        p.source = sources[i];
        p.type = type;
        p.outBase = QDir(outDir).filePath(QStringLiteral("rec%1").arg(i));
        p.overwrite = OverwritePolicy::Replace;
        p.reconnect = false;
        p.chunkDurationMs = chunkMs;
        auto id = engine.startRecording(p);
        if (!id) {
            std::fprintf(stderr, "recording %d: %s\n", i, qPrintable(id.message()));
            return 1;
        }
        ids.push_back(*id);
    }
    std::printf("ready\n");
    std::fflush(stdout);

    QTimer poll;
    poll.setInterval(100);
    QObject::connect(&poll, &QTimer::timeout, &engine, [&] {
        if (g_stop.exchange(false))
            engine.stopAll();
        if (engine.activeCount() == 0)
            QCoreApplication::quit();
    });
    poll.start();
    QCoreApplication::exec();
    engine.waitAll(30000);
    int failed = 0;
    for (size_t i = 0; i < ids.size(); ++i) {
        RecordingSession *s = engine.session(ids[i]);
        const RecordStats st = s->stats();
        failed += s->state() == RecordState::Failed;
        std::printf("%zu %s %lld %lld %lld\n", i, qPrintable(recordStateName(s->state())), st.bytes, st.packets,
                    st.droppedPackets);
    }
    return failed ? 1 : 0;
}
