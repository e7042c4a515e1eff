#pragma once

// Copies a deployment's model and code into the state dir at create/update, so editing the
// user's files later changes nothing that runs. Refuses symlinks and anything that would
// land outside the destination.

#include "result.h"

#include <QString>

namespace Snapshot {

// Copies `source` (a file or a folder) to `destination` (a folder that must not exist yet).
// A file is copied into the folder under its own name.
Status copy(const QString &source, const QString &destination, const QString &what);

// Removes a folder tree that lies inside `root`; refuses anything else.
void removeInside(const QString &root, const QString &path);

} // namespace Snapshot
