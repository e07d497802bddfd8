#include "search/page_furniture.h"

#include <gtest/gtest.h>

#include <string>

namespace news {
namespace {

// From the seed articles and the web pages: what pages put around the text.
TEST(PageFurniture, CaptionsCreditsAndVideoWidgetsAreFurniture) {
    EXPECT_TRUE(is_page_furniture("French president defiant in speech to parliament 7 years ago Duration 2:03 "
                                  "Fran\xC3\xA7ois Hollande declares France in 'state of war' against Islamic State"));
    EXPECT_TRUE(is_page_furniture("French President Francois Hollande (left) and US President Barack Obama. French "
                                  "President Francois Hollande (left) and US President Barack Obama.PHOTO: AFP"));
    EXPECT_TRUE(is_page_furniture("This undated file photo provided by French police shows Salah Abdeslam, who is "
                                  "wanted by police in connection with recent terror attacks in Paris."));
    EXPECT_TRUE(is_page_furniture("Rescue workers at the scene on Monday. (AP Photo/Markus Schreiber)"));
    EXPECT_TRUE(is_page_furniture("A quiet street in the old town, twice. A quiet street in the old town, twice."));
    EXPECT_TRUE(is_page_furniture("Sign up for our morning newsletter"));
}

TEST(PageFurniture, ParagraphsStayParagraphs) {
    EXPECT_FALSE(is_page_furniture("Parliamentarians gave Hollande a standing ovation before spontaneously singing "
                                   "the Marseillaise national anthem in a show of political unity."));
    EXPECT_FALSE(is_page_furniture("The ceremony lasted two hours."));
    // Long enough to be a paragraph about a photo, not a caption.
    std::string long_paragraph = "The photo: ";
    for (int i = 0; i < 70; ++i) long_paragraph += "word ";
    EXPECT_FALSE(is_page_furniture(long_paragraph));
    EXPECT_FALSE(is_page_furniture("The duration of the strike, 2 days, surprised the union."));
    EXPECT_FALSE(is_page_furniture(""));
}

}  // namespace
}  // namespace news
