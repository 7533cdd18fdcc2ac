//! `flow-comments.spec.js`.

use super::*;

#[test]
fn comments_everywhere() {
    for src in [
        "graph TD;\n%% Comment\n A-->B;",
        "%% Comment\ngraph TD;\n A-->B;",
        "graph TD;\n A-->B\n %% Comment at the end\n",
        "graph TD;\n A-->B\n%% Comment",
        "graph TD;\n A-->B\n%% Comment\n\n\n",
        "graph TD;\n A-->B",
        "graph TD;\n A-->B\n\n",
        "graph TD;\n\n\n %% Comment\n A-->B;",
        "graph TD;\n\n\n %% Test od>Odd shape]-->|Two line<br>edge comment|ro;\n A-->B;",
        "graph TD;\n A-->B %% trailing comment",
    ] {
        let g = ok(src);
        assert_eq!(pairs(&g), ["A>B"], "{src:?}");
    }
}
