import Runtime
import Testing
@testable import Report

@Suite struct HTMLEscapingTests {
    @Test func theFiveMarkupCharactersBecomeReferences() {
        #expect(HTMLEscaping.escape("<script>alert('x') & \"y\"</script>")
            == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
    }

    @Test func otherTextIsUnchanged() {
        #expect(HTMLEscaping.escape("conv1/weights µJ → é") == "conv1/weights µJ → é")
        #expect(HTMLEscaping.escape("") == "")
    }
}
