#include "core/writer/MuxWriter.h"
#include "core/writer/Writer.h"
#include "core/mp4/Mp4Writer.h"

namespace tapedeck {

std::unique_ptr<ContainerWriter> makeContainerWriter(ContainerType type)
{
    switch (type) {
    case ContainerType::Mp4:
        return makeMp4Writer();
    case ContainerType::MpegTs:
    case ContainerType::Flv:
        return std::make_unique<MuxWriter>(type);
    }
    return nullptr;
}

} // namespace tapedeck
