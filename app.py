"""Examencijfers: the router and the shared frame around every page.

The frame chooses the language, checks the published database before anything is drawn (public mode
refuses a file that is not exactly the published contract), stamps the data's date, and runs the page
inside an error boundary. Pages live in pages/ and are listed in examencijfers/ui/site.py. Every run first
waits for its turn (ui/turns.py): one page run at a time, in the order they asked.
"""
import streamlit as st

from examencijfers import serving
from examencijfers.ui import data, frame, site
from examencijfers.ui.i18n import t
from examencijfers.ui.turns import PAGE_RUNS

with PAGE_RUNS:
    # The icon is a file of our own: a Material icon name would make every visitor's browser fetch it from Google.
    st.set_page_config(page_title="Examencijfers", page_icon=site.FAVICON_URL, layout="wide")
    frame.configure_logging()
    frame.choose_language()

    try:
        data.publication()
    except serving.NotServable as error:
        frame.log.error("not servable: %s", error)
        st.error(t("frame.not_servable"), icon=":material/database_off:")
        if serving.mode() is serving.Mode.ANALYST:
            st.caption(str(error))
        st.stop()

    navigation = st.navigation(site.navigation(), position="sidebar")
    st.sidebar.divider()
    frame.data_stamp()
    frame.guarded(navigation, notices=st.container())
