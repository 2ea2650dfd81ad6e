#include "core/mp4/Mp4Writer.h"

namespace tapedeck {
namespace {
class UnsupportedMp4Writer final : public ContainerWriter {
public:
    Status open(const QString &, const std::vector<StreamInfo> &, const WriterOptions &) override
    {
        return makeError(ErrorCode::Unsupported, QStringLiteral("MP4 recording is not yet supported"));
    }
    Status write(const AVPacket *) override { return makeError(ErrorCode::Unsupported, QString()); }
    Result<QString> finish() override { return makeError(ErrorCode::Unsupported, QString()); }
    void abandon() override {}
    qint64 bytesWritten() const override { return 0; }
};
} // namespace

std::unique_ptr<ContainerWriter> makeMp4Writer() { return std::make_unique<UnsupportedMp4Writer>(); }

} // namespace tapedeck
