#include "armjson.h"
