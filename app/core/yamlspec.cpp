#include "yamlspec.h"
