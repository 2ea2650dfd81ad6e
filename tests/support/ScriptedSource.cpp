#include "ScriptedSource.h"

#include <QString>

#include <chrono>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>

using namespace tapedeck;

namespace testsupport {
namespace {

struct Library {
    std::vector<StreamInfo> streams;
    std::vector<PacketPtr> packets;
    std::map<int, int64_t> span; // per stream: the library's length in its time base
};

// The demo source's packets, encoded once: 4 s of 160x96 H.264 at 25 fps
// with 1 s GOPs, and AAC.
const Library &library()
{
    static const Library lib = [] {
        Library l;
        SourceOptions so;
        auto src = makeSource(QStringLiteral("demo?realtime=0&seconds=4&w=160&h=96&fps=25&gop=25"), so);
        if (!src->open())
            qFatal("ScriptedSource: the demo source does not open");
        l.streams = src->streams();
        std::map<int, int64_t> first, last, lastDuration;
        int64_t startUs = AV_NOPTS_VALUE;
        while (true) {
            auto r = src->read();
            if (!r)
                break;
            PacketPtr p = std::move(r.value());
            const int s = p->stream_index;
            // A recording starts at the first video keyframe: the library
            // does too, so every packet it hands over is one a file keeps.
            // Packets older than that keyframe (AAC's priming) are left out.
            const StreamInfo &info = l.streams[size_t(s)];
            const int64_t us = av_rescale_q(p->dts, info.timeBase, AVRational{1, 1000000});
            if (startUs == AV_NOPTS_VALUE) {
                if (info.type != AVMEDIA_TYPE_VIDEO || !(p->flags & AV_PKT_FLAG_KEY))
                    continue;
                startUs = us;
            }
            if (us < startUs)
                continue;
            if (!first.count(s))
                first[s] = p->dts;
            last[s] = p->dts;
            lastDuration[s] = p->duration > 0 ? p->duration : 1;
            l.packets.push_back(std::move(p));
        }
        for (const auto &[s, f] : first)
            l.span[s] = last[s] + lastDuration[s] - f;
        if (l.packets.empty())
            qFatal("ScriptedSource: the demo source gave no packets");
        return l;
    }();
    return lib;
}

} // namespace

struct ScriptedSources::State {
    Script script;
    std::atomic<int> opens{0};
    std::atomic<int> packets{0};
    std::atomic<int> pictureless{0};
};

namespace {

class ScriptedSource final : public PacketSource {
public:
    ScriptedSource(std::shared_ptr<ScriptedSources::State> state, ScriptedConnection conn, SourceOptions opt)
        : m_state(std::move(state)), m_conn(std::move(conn)), m_opt(opt)
    {}

    Status open() override
    {
        if (m_conn.openBlocksUntilStop) {
            while (!stopped())
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            return makeError(ErrorCode::Cancelled, QStringLiteral("stopped while opening the scripted source"));
        }
        if (!pause(m_conn.openDelayUs))
            return makeError(ErrorCode::Cancelled, QStringLiteral("stopped while opening the scripted source"));
        if (m_conn.openError)
            return *m_conn.openError;
        m_streams = library().streams;
        return {};
    }
    const std::vector<StreamInfo> &streams() const override { return m_streams; }
    bool isLive() const override { return m_state->script.live; }
    QString displayName() const override { return QStringLiteral("scripted"); }

    Result<PacketPtr> read() override
    {
        if (stopped())
            return makeError(ErrorCode::Cancelled, QStringLiteral("stopped"));
        if (m_next >= m_conn.packets) {
            if (m_conn.stallUntilStop) {
                while (!stopped())
                    std::this_thread::sleep_for(std::chrono::microseconds(200));
                return makeError(ErrorCode::Cancelled, QStringLiteral("stopped"));
            }
            return m_conn.end;
        }
        if (!pause(m_conn.packetDelayUs))
            return makeError(ErrorCode::Cancelled, QStringLiteral("stopped"));
        const Library &lib = library();
        if (m_conn.picturelessEvery > 0 && m_last && m_sinceEmpty >= m_conn.picturelessEvery) {
            // What an RTP depacketizer hands over after loss: an access unit
            // of the video stream holding only a delimiter, no picture.
            m_sinceEmpty = 0;
            m_state->pictureless.fetch_add(1);
            PacketPtr p = makePacket();
            static const uint8_t aud[] = {0, 0, 0, 1, 0x09, 0xf0};
            if (av_new_packet(p.get(), int(sizeof aud)) < 0)
                return makeError(ErrorCode::Internal, QStringLiteral("out of memory"));
            std::memcpy(p->data, aud, sizeof aud);
            p->stream_index = m_last->stream_index;
            p->pts = m_last->pts;
            p->dts = m_last->dts;
            return p;
        }
        const int n = int(lib.packets.size());
        const AVPacket *from = lib.packets[size_t(m_next % n)].get();
        PacketPtr p = clonePacket(from);
        // Past the end of the library it plays again, later in time.
        const int64_t shift = int64_t(m_next / n) * lib.span.at(from->stream_index);
        if (p->pts != AV_NOPTS_VALUE)
            p->pts += shift;
        if (p->dts != AV_NOPTS_VALUE)
            p->dts += shift;
        ++m_next;
        m_state->packets.fetch_add(1);
        if (lib.streams[size_t(p->stream_index)].type == AVMEDIA_TYPE_VIDEO) {
            m_last = clonePacket(p.get());
            ++m_sinceEmpty;
        }
        return p;
    }

private:
    bool stopped() const { return m_opt.stopFlag && m_opt.stopFlag->load(); }
    bool pause(int us)
    {
        const auto end = std::chrono::steady_clock::now() + std::chrono::microseconds(us);
        while (std::chrono::steady_clock::now() < end) {
            if (stopped())
                return false;
            std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
                std::chrono::microseconds(200), end - std::chrono::steady_clock::now()));
        }
        return !stopped();
    }

    std::shared_ptr<ScriptedSources::State> m_state;
    ScriptedConnection m_conn;
    SourceOptions m_opt;
    std::vector<StreamInfo> m_streams;
    int m_next = 0;
    PacketPtr m_last; // the last video packet handed over
    int m_sinceEmpty = 0;
};

} // namespace

ScriptedSources::ScriptedSources(Script script) : m_state(std::make_shared<State>())
{
    m_state->script = std::move(script);
    library(); // encode now, not inside a timed part of a test
}

SourceFactory ScriptedSources::factory() const
{
    return [state = m_state](const QString &, const SourceOptions &opt) -> std::unique_ptr<PacketSource> {
        const int i = state->opens.fetch_add(1);
        const auto &conns = state->script.connections;
        ScriptedConnection c =
            conns.empty() ? ScriptedConnection{} : conns[std::min<size_t>(size_t(i), conns.size() - 1)];
        return std::make_unique<ScriptedSource>(state, std::move(c), opt);
    };
}

int ScriptedSources::opens() const { return m_state->opens.load(); }
int ScriptedSources::packetsRead() const { return m_state->packets.load(); }
int ScriptedSources::picturelessSent() const { return m_state->pictureless.load(); }
const std::vector<StreamInfo> &ScriptedSources::streams() { return library().streams; }
int ScriptedSources::libraryPackets() { return int(library().packets.size()); }

} // namespace testsupport
