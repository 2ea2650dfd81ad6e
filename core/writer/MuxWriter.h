#pragma once
// MPEG-TS and FLV through libavformat's muxers, written through OutputFile
// (custom AVIOContext) so that fsync, ENOSPC and the fault seam behave the
// same as for MP4.

#include "core/writer/Writer.h"

namespace tapedeck {

// The one video or audio track FLV keeps of `streams`: the source's default
// one, else the first of the kind (-1: none). Its StreamInfo::index.
int flvKeptTrack(const std::vector<StreamInfo> &streams, AVMediaType type);

class MuxWriter final : public ContainerWriter {
public:
    explicit MuxWriter(ContainerType type);
    ~MuxWriter() override;

    Status open(const QString &finalPath, const std::vector<StreamInfo> &streams,
                const WriterOptions &options) override;
    Status write(const AVPacket *pkt) override;
    Status flush() override;
    Result<QString> finish() override;
    void abandon() override;
    qint64 bytesWritten() const override;
    QStringList notes() const override;
    // TS and FLV have no place for either: NAME.ext.marks beside the file.
    void addMarker(qint64 atUs, const QString &title) override;
    void addGap(qint64 atUs, const QString &title) override;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tapedeck
