#pragma once
// A container writer writes one output file (one chunk). The engine's
// ChunkedOutput decides when to cut and which path each chunk gets.

#include "core/base/MediaTypes.h"
#include "core/io/File.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace tapedeck {

struct WriterOptions {
    qint64 fsyncIntervalMs = 1000;           // crash safety: at most this much lost on power cut
    qint64 syncMediaMs = 0;                  // live sources: also fsync once this much media is
                                             // unsynced, so a burst (the backlog after the open, an
                                             // HLS segment, catching up after a stall) risks no more
                                             // media than the interval; 0 = by the wall clock only
    qint64 expectedDurationMs = 0;           // how long this file will be at most (chunk length or
                                             // --duration), sizes the MP4 header room; 0 = unknown
    bool overwrite = false;                  // replace an existing final file
    bool forceMoovFirst = false;             // MP4: copy the media at the end if the moov room was too small
    QString sourceDescription;               // credential-free source, stored as metadata
    SourceTags sourceTags;                   // what the source says about itself (creation_time,
                                             // service_name/provider): kept where the container can
    qint64 creationTimeUs = -1;              // file creation time (UTC µs); -1 = now. Recovery fixes it
                                             // so that a rerun writes the same bytes.
    std::shared_ptr<IoFaultInjector> faults; // test seam: fail writes after N bytes
    bool gatherWrites = false;               // the caller calls flush() before it waits for the next
                                             // packet: write() may gather packets (Writer.h, flush());
                                             // off, every write() reaches the kernel before it returns
    bool syncInBackground = false;           // the periodic fsyncs run on a thread of their own, so
                                             // write() never waits for the disk (BackgroundSync);
                                             // the order that makes a sync safe is kept. finish()
                                             // and abandon() wait for a running sync.
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
    // Hands everything write() accepted to the kernel. A writer may hold the
    // last packets in memory to write them in one system call; the session
    // calls flush() whenever no further packet is waiting, so a process kill
    // loses no more than it did with one write per packet (the packets it
    // would lose are still in the session's queue otherwise).
    virtual Status flush() { return {}; }

    // Clean close: the final file is complete at the returned path.
    virtual Result<QString> finish() = 0;

    // After an error: release handles, leave on disk whatever is recoverable.
    virtual void abandon() = 0;

    virtual qint64 bytesWritten() const = 0;

    // A marker the user dropped just before the next packet written, at
    // `atUs` from the start of this file. MP4 keeps it as a chapter, TS and
    // FLV in NAME.ext.marks beside the file (MarksFile.h).
    virtual void addMarker(qint64 atUs, const QString &title)
    {
        (void)atUs;
        (void)title;
    }
    // A gap in the source (a drop) at the same place: kept like a marker,
    // and told apart from one where the container can (the marks file).
    virtual void addGap(qint64 atUs, const QString &title) { addMarker(atUs, title); }

    // What the user should know about the finished file, in words (where an
    // MP4's header went, streams a container could not keep). Complete after
    // finish().
    virtual QStringList notes() const { return {}; }
};

std::unique_ptr<ContainerWriter> makeContainerWriter(ContainerType type);

} // namespace tapedeck
