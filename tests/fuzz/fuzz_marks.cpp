// libFuzzer target: the marks of a TS/FLV recording (NAME.ts.marks), which
// the library reads from any folder a user points it at. Every mark read
// must survive a write and a read unchanged.
#include "core/writer/MarksFile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace tapedeck;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::vector<Mark> marks = parseMarks(bytes);
    QByteArray again = QByteArray(kMarksHeader) + '\n';
    for (const Mark &m : marks) {
        if (m.atMs < 0)
            __builtin_trap();
        again += encodeMarkLine(m);
    }
    if (parseMarks(again) != marks)
        __builtin_trap();
    return 0;
}
