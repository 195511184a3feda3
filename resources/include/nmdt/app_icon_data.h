#pragma once
// The application icon as PNG images of each size, compiled into the program.

#include <cstddef>
#include <span>

namespace nmdt::resources {

struct IconImage {
    int size;  // width and height in pixels
    const unsigned char* png;
    std::size_t bytes;
};

std::span<const IconImage> applicationIconImages();

}  // namespace nmdt::resources
