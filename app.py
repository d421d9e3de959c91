"""Examencijfers: the Streamlit router and shared frame (placeholder until the dashboard lands)."""
import streamlit as st

st.set_page_config(page_title="Examencijfers", layout="wide")
st.title("Examencijfers")
st.write("Het dashboard wordt opgebouwd. / The dashboard is being built.")
