#pragma once
// A failed recording's reason for people, in their language. The engine
// (core/) words its failures in English for logs and the CLI ("nothing is
// listening at rtmp://… (connection refused)"); the window shows the same
// failure as a translated sentence and keeps the engine's line as the
// detail (a tooltip), where it helps whoever digs further.

#include <QString>

namespace tapedeck {
namespace ui {

// The translated sentence for an engine line. Known lines name what they
// are about (the address, the file); a line this does not know reads as a
// general sentence in a translated window and as the engine's own words
// (made a sentence) in English, where they are the clearest detail.
QString failureSentence(const QString &engineLine);

} // namespace ui
} // namespace tapedeck
