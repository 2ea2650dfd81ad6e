#pragma once
// A container writer writes one output file (one chunk). The engine's
// ChunkedOutput decides when to cut and which path each chunk gets.

#include "core/MediaTypes.h"
#include "core/io/File.h"

#include <QString>

#include <memory>
#include <vector>

namespace tapedeck {

struct WriterOptions {
    qint64 fsyncIntervalMs = 1000;       // crash safety: at most this much lost on power cut
    qint64 expectedDurationMs = 0;       // chunk length hint (MP4 moov reservation); 0 = unknown
    bool overwrite = false;              // replace an existing final file
    bool mp4ForceMoovFirst = false;      // MP4: copy the media at the end if the moov room was too small
    QString sourceDescription;           // credential-free source, stored as metadata
    qint64 creationTimeUs = -1;          // file creation time (UTC µs); -1 = now. Recovery fixes it
                                         // so that a rerun writes the same bytes.
    std::shared_ptr<IoFaultInjector> faults; // test seam: fail writes after N bytes
};

class ContainerWriter {
public:
    virtual ~ContainerWriter() = default;

    // `finalPath` is where the finished file will be (e.g. /x/rec_part0001.mp4).
    // Nothing is created before open() is called; open() fails with
    // AlreadyExists when the final file exists and overwrite is off.
    virtual Status open(const QString &finalPath, const std::vector<StreamInfo> &streams,
                        const WriterOptions &options) = 0;

    // Timestamps are in streams[pkt->stream_index].timeBase, dts monotonic per
    // stream and >= 0. The packet is not modified or kept.
    virtual Status write(const AVPacket *pkt) = 0;

    // Clean close: the final file is complete at the returned path.
    virtual Result<QString> finish() = 0;

    // After an error: release handles, leave on disk whatever is recoverable.
    virtual void abandon() = 0;

    virtual qint64 bytesWritten() const = 0;
};

std::unique_ptr<ContainerWriter> makeContainerWriter(ContainerType type);

} // namespace tapedeck
