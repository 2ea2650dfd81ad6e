#pragma once
// Where packets come from: a URL or file libavformat opens, or the built-in
// demo source. A source is used from one thread (the session's reader).

#include "core/base/MediaTypes.h"
#include "core/source/TrackSelection.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace tapedeck {

enum class Pacing {
    AsFastAsPossible, // local files: read at disk speed
    Realtime,         // pace packets by their timestamps (files with --realtime)
};

enum class HlsStart { LiveEdge, Oldest };

struct SourceOptions {
    qint64 openTimeoutMs = 10000; // connect + probe; listeners wait until stopped
    qint64 stallTimeoutMs = 5000; // connected but no data for this long = drop
    Pacing pacing = Pacing::AsFastAsPossible;
    // Live HLS: start at the newest segment the playlist lists (the live
    // edge, at most one segment behind) or, with HlsStart::Oldest, at the
    // oldest one it still lists.
    HlsStart hlsStart = HlsStart::LiveEdge;
    const std::atomic<bool> *stopFlag = nullptr;
    // Which program and tracks to deliver (core/source/TrackSelection.h);
    // a selection the stream cannot satisfy makes open() fail with
    // InvalidArgument, on the first connection and on every later one.
    TrackSelection tracks;
    // Looks a host name up: getaddrinfo()'s return code (0, EAI_NONAME, ...).
    // Empty: getaddrinfo. A test seam for a name server that never answers;
    // it runs on a worker thread and may block for ever.
    std::function<int(const QByteArray &host)> resolveHost;
};

// Everything a source carries, whether recorded or not: its programs (one
// without a number when the container has none) and their tracks. For the
// probe ("Detect tracks", `tapedeck probe`).
struct CatalogTrack {
    StreamInfo info;       // index: the demuxer's stream index
    QString item;          // the selection item naming it alone ("a:eng", "v:0")
    bool recorded = false; // delivered under the source's current selection
};
struct CatalogProgram {
    int number = -1; // MPEG-TS program_number; -1: the container has no programs
    QString name;    // service_name, when the source says it
    QString provider;
    bool recorded = false; // the program the selection (or the default) picks
    std::vector<CatalogTrack> tracks;
};

class PacketSource {
public:
    virtual ~PacketSource() = default;

    // Blocks until the stream is open and its streams are known, the deadline
    // passes (Timeout/Network/NotFound) or stop is requested (Cancelled).
    virtual Status open() = 0;
    virtual const std::vector<StreamInfo> &streams() const = 0;
    // What the source says about itself (creation time, program name, ...).
    virtual SourceTags sourceTags() const { return {}; }
    // Every program and track after open(); empty: only streams() is known
    // (the demo, capture devices).
    virtual std::vector<CatalogProgram> catalog() const { return {}; }
    // Next packet (timestamps in the stream's timeBase), or EndOfStream,
    // Timeout (stall), Network, Cancelled.
    virtual Result<PacketPtr> read() = 0;
    // Live sources are reconnected after a drop; files and the demo are not.
    virtual bool isLive() const = 0;
    // Credential-free description for logs and UI.
    virtual QString displayName() const = 0;
};

// "demo" / "demo?opts" → built-in generator; a device spec → capture and
// encode; anything else → libavformat.
std::unique_ptr<PacketSource> makeSource(const QString &spec, const SourceOptions &options);

// Makes the source a session reads from, once per connection attempt.
// makeSource by default; tests inject their own to script packets, gaps and
// errors in-process (no network, no real time).
using SourceFactory = std::function<std::unique_ptr<PacketSource>(const QString &spec, const SourceOptions &options)>;

bool isDemoSpec(const QString &spec);
// Cameras and microphones through libavdevice: "v4l2:/dev/video0",
// "alsa:default", "pulse:NAME", "lavfi:GRAPH", joined by '+' to record
// several at once ("v4l2:/dev/video0+alsa:default"). Encoded to H.264/AAC.
bool isDeviceSpec(const QString &spec);
// True for URLs where Tapedeck waits for an encoder to connect
// (rtmp ...?listen=1, srt ...?mode=listener, tcp/udp listen).
bool isListenerUrl(const QString &spec);

} // namespace tapedeck
